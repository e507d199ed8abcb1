// Package store keeps orders.
package store

import "context"

// Load returns the order with the id.
func Load(id string) string {
	return lookup(context.TODO(), id)
}

func lookup(ctx context.Context, id string) string {
	if ctx.Err() != nil {
		return ""
	}
	return "order " + id
}
