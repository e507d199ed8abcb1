package shop_test

import (
	"context"
	"testing"

	"example.com/notfirst/billing"
)

func TestInvoice(t *testing.T) {
	if err := billing.Invoice(context.Background(), "42"); err != nil {
		t.Fatal(err)
	}
}
