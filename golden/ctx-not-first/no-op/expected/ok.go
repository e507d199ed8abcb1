package noop

import "context"

// Fetch already takes its context first.
func Fetch(ctx context.Context, id string) error {
	_ = id
	return ctx.Err()
}

func use(ctx context.Context) error { return Fetch(ctx, "1") }
