package clash

import "context"

func open(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	return ctx
}

func use(ctx context.Context) error { return ctx.Err() }

// Run already has a cancel function of its own, and opens two contexts.
func Run(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	first := open(ctx)
	second := open(ctx)
	if err := use(first); err != nil {
		return err
	}
	return use(second)
}
