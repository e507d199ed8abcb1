package redundant

import "context"

// open also cancels by hand on one path, which the defer already does.
func open(parent context.Context, fail bool) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	if fail {
		return ctx, cancel
	}
	return ctx, cancel
}

// Run opens one.
func Run(parent context.Context) error {
	ctx, cancel := open(parent, false)
	defer cancel()
	return ctx.Err()
}
