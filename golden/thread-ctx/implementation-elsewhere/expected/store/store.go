// Package store keeps orders.
package store

import "context"

// Store loads orders.
type Store interface {
	// Load returns the order with the id.
	Load(ctx context.Context, id string) (string, error)
}

// Remote asks another service.
type Remote struct {
	fetch func(ctx context.Context, id string) (string, error)
}

// Load returns the order with the id.
func (r *Remote) Load(ctx context.Context, id string) (string, error) {
	return r.fetch(ctx, id)
}

// Describe tells about one order.
func Describe(ctx context.Context, s Store, id string) string {
	o, err := s.Load(ctx, id)
	if err != nil {
		return err.Error()
	}
	return "order " + id + ": " + o
}
