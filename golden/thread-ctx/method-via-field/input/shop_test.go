package shop

import (
	"context"
	"testing"

	"example.com/shop/billing"
)

func TestSettle(t *testing.T) {
	gw := billing.NewGateway(func(ctx context.Context, amount int) error { return nil })
	c := &Checkout{payments: gw}
	if err := c.payments.Charge(3); err != nil {
		t.Fatal(err)
	}
}
