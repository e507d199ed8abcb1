package pool

import (
	"context"
	"time"
)

type conn struct{}

func (c *conn) Close(ctx context.Context) error { return ctx.Err() }

// Config tells the pool how to make and destroy connections.
type Config[T any] struct {
	Constructor func(ctx context.Context) (T, error)
	Destructor  func(value T)
}

type resources[T any] struct{ config *Config[T] }

func newResources[T any](c *Config[T]) (*resources[T], error) {
	return &resources[T]{config: c}, nil
}

// Pool keeps connections.
type Pool struct {
	r *resources[*conn]
}

// New makes a pool; ctx bounds only the making. The destructor runs long
// after New returns, when ctx may be cancelled: its own root must stay.
func New(ctx context.Context) (*Pool, error) {
	p := &Pool{}
	var err error
	p.r, err = newResources(&Config[*conn]{
		Constructor: func(ctx context.Context) (*conn, error) {
			return &conn{}, ctx.Err()
		},
		Destructor: func(value *conn) {
			ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
			defer cancel()
			_ = value.Close(ctx)
		},
	})
	return p, err
}
