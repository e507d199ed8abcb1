// Package store keeps orders.
package store

import "context"

// Store loads orders.
type Store interface {
	// Load returns the order with the id.
	Load(id string) (string, error)
}

// Remote asks another service.
type Remote struct {
	fetch func(ctx context.Context, id string) (string, error)
}

// Load returns the order with the id.
func (r *Remote) Load(id string) (string, error) {
	return r.fetch(context.TODO(), id)
}

// Describe tells about one order.
func Describe(s Store, id string) string {
	o, err := s.Load(id)
	if err != nil {
		return err.Error()
	}
	return "order " + id + ": " + o
}
