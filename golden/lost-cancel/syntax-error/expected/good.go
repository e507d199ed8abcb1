package mixed

import "context"

func Good(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	return ctx.Err()
}
