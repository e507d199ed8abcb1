// Package app serves orders.
package app

import (
	"context"
	"fmt"

	"example.com/shop/store"
)

// Service answers order queries.
type Service struct {
	orders store.Store
}

// Describe tells about one order.
func (s *Service) Describe(ctx context.Context, id string) string {
	o, err := s.orders.Load(id)
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("order %s: %s", id, o)
}

// Warm loads the first order into memory.
func Warm(m *store.Memory) {
	_, _ = m.Load("1")
}

func run(ctx context.Context) {
	s := &Service{orders: store.NewMemory()}
	fmt.Println(s.Describe(ctx, "1"))
	Warm(store.NewMemory())
}
