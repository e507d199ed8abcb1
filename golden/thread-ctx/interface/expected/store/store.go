// Package store keeps orders.
package store

import (
	"context"
	"errors"
)

// Store loads orders.
type Store interface {
	// Load returns the order with the id.
	Load(ctx context.Context, id string) (string, error)
}

// Memory keeps orders in a map.
type Memory struct {
	orders map[string]string
}

// NewMemory returns an empty store.
func NewMemory() *Memory { return &Memory{orders: map[string]string{}} }

// Load returns the order with the id.
func (m *Memory) Load(ctx context.Context, id string) (string, error) {
	o, ok := m.orders[id]
	if !ok {
		return "", errors.New("no such order")
	}
	return o, nil
}

// Remote asks another service.
type Remote struct {
	fetch func(ctx context.Context, id string) (string, error)
}

// Load returns the order with the id.
func (r *Remote) Load(ctx context.Context, id string) (string, error) {
	return r.fetch(ctx, id)
}
