package oldgo

import "context"

func step(ctx context.Context) error { return ctx.Err() }

// Work is called from a test of a go 1.22 module.
func Work(ctx context.Context) error {
	return step(ctx)
}
