package shop_test

import (
	"context"
	"testing"

	"example.com/notfirst/billing"
)

func TestInvoice(t *testing.T) {
	if err := billing.Invoice("42", context.Background()); err != nil {
		t.Fatal(err)
	}
}
