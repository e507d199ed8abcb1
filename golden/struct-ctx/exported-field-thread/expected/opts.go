package app

import "context"

// Options are filled in by callers.
type Options struct {
}

func (o Options) err(ctx context.Context) error { return ctx.Err() }

// Run runs.
func Run(ctx context.Context, o Options) error { return o.err(ctx) }
