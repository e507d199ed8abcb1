// Package app serves orders. It imports the store with a dot, so its calls
// name the store's functions unqualified.
package app

import (
	"context"
	"fmt"

	. "example.com/shop/store"
)

// Describe has a context to pass.
func Describe(ctx context.Context, id string) string {
	return fmt.Sprint(Load(ctx, id))
}

// Warm has none: it takes one in turn.
func Warm(ctx context.Context) {
	_ = Load(ctx, "1")
}
