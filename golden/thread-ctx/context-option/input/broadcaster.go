// Package events broadcasts events. NewBroadcaster takes its context as
// an option, defaulting to context.Background(): it is not threaded.
package events

import "context"

type config struct {
	ctx context.Context
}

// Option configures a Broadcaster.
type Option func(*config)

// WithContext stops the broadcaster when ctx is done.
func WithContext(ctx context.Context) Option {
	return func(c *config) { c.ctx = ctx }
}

// Broadcaster sends events until its context is done.
type Broadcaster struct {
	done <-chan struct{}
}

// NewBroadcaster makes a Broadcaster.
func NewBroadcaster(opts ...Option) *Broadcaster {
	var c config
	for _, opt := range opts {
		opt(&c)
	}
	ctx := c.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	return &Broadcaster{done: ctx.Done()}
}

// Serve makes a broadcaster for a request.
func Serve(ctx context.Context) *Broadcaster {
	return NewBroadcaster(WithContext(ctx))
}
