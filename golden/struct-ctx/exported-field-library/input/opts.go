package app

import "context"

// Options are filled in by callers.
type Options struct {
	Ctx context.Context
}

func (o Options) err() error { return o.Ctx.Err() }

// Run runs.
func Run(ctx context.Context, o Options) error { return o.err() }
