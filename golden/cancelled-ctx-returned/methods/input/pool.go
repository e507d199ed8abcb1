package methods

import (
	"context"
	"errors"
)

// Pool leases contexts, up to a limit.
type Pool struct {
	limit int
}

// lease returns a context the pool can cancel with a cause.
func (p *Pool) lease(parent context.Context) context.Context {
	ctx, cancel := context.WithCancelCause(parent)
	defer cancel(nil)

	return ctx
}

// Warm leases once and drops the context.
func (p *Pool) Warm(parent context.Context) {
	p.lease(parent)
}

// Refresh replaces the context it works with.
func (p *Pool) Refresh(ctx context.Context) error {
	if p.limit == 0 {
		return errors.New("closed")
	}
	ctx = p.lease(ctx)
	return work(ctx)
}

// Server reaches the pool through a field.
type Server struct {
	pool *Pool
}

// Serve works in a leased context.
func (s *Server) Serve(parent context.Context) error {
	ctx := s.pool.lease(parent)
	return work(ctx)
}

func work(ctx context.Context) error {
	return context.Cause(ctx)
}
