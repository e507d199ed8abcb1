package clash

import "context"

func open(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	return ctx, cancel
}

func use(ctx context.Context) error { return ctx.Err() }

// Run already has a cancel function of its own, and opens two contexts.
func Run(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	first, cancelCtx := open(ctx)
	defer cancelCtx()
	second, cancel2 := open(ctx)
	defer cancel2()
	if err := use(first); err != nil {
		return err
	}
	return use(second)
}
