package redundant

import "context"

// open also cancels by hand on one path, which the defer already does.
func open(parent context.Context, fail bool) context.Context {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	if fail {
		cancel()
		return ctx
	}
	return ctx
}

// Run opens one.
func Run(parent context.Context) error {
	ctx := open(parent, false)
	return ctx.Err()
}
