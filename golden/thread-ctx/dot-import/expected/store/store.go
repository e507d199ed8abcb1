// Package store keeps orders.
package store

import "context"

// Load returns the order with the id.
func Load(ctx context.Context, id string) string {
	return lookup(ctx, id)
}

func lookup(ctx context.Context, id string) string {
	if ctx.Err() != nil {
		return ""
	}
	return "order " + id
}
