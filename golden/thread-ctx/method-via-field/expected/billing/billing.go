// Package billing charges customers.
package billing

import (
	"context"
	"errors"
)

// Gateway talks to the payment provider.
type Gateway struct {
	send func(ctx context.Context, amount int) error
}

// NewGateway returns a gateway that sends with send.
func NewGateway(send func(ctx context.Context, amount int) error) *Gateway {
	return &Gateway{send: send}
}

// Charge takes amount from the customer.
func (g *Gateway) Charge(ctx context.Context, amount int) error {
	if amount <= 0 {
		return errors.New("nothing to charge")
	}
	return g.send(ctx, amount)
}
