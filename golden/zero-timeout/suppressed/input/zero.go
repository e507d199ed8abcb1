package zero

import (
	"context"
	"time"
)

func ping(ctx context.Context) error { return ctx.Err() }

func runUntil(parent context.Context, until time.Time) error {
	//ctxmod:ignore zero-timeout -- every caller passes time.Now().Add(...)
	ctx, cancel := context.WithDeadline(parent, until)
	defer cancel()
	return ping(ctx)
}
