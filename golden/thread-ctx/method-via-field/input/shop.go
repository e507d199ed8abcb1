// Package shop sells things.
package shop

import (
	"context"
	"net/http"
	"strconv"

	"example.com/shop/billing"
)

// Checkout finishes orders.
type Checkout struct {
	payments *billing.Gateway
}

// Handler serves checkouts.
type Handler struct {
	checkout Checkout
}

// ServeHTTP charges the amount in the query.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	amount, _ := strconv.Atoi(r.URL.Query().Get("amount"))
	if err := h.checkout.payments.Charge(amount); err != nil {
		http.Error(w, err.Error(), http.StatusPaymentRequired)
	}
}

// Settle charges every amount, with the caller's context.
func (c *Checkout) Settle(ctx context.Context, amounts []int) error {
	for _, a := range amounts {
		if err := c.payments.Charge(a); err != nil {
			return err
		}
	}
	return ctx.Err()
}
