package noop

import "context"

func step(ctx context.Context) error { return ctx.Err() }

// Threaded already.
func Work(ctx context.Context) error { return step(ctx) }

// Detached on purpose: the flush outlives the caller.
func flush(ctx context.Context) {
	go func() { _ = Work(context.WithoutCancel(ctx)) }()
}

func init() {
	_ = step(context.Background())
}
