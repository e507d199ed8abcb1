package shop

import (
	"context"

	bill "example.com/notfirst/billing"
)

type Service struct {
	store *bill.Store
}

func (s *Service) Order(ctx context.Context, id string) error {
	if _, err := s.store.Get(ctx, id, "eu"); err != nil {
		return err
	}
	return bill.Invoice(ctx, id)
}
