package mixed

import "context"

func Good(parent context.Context) error {
	ctx, _ := context.WithCancel(parent)
	return ctx.Err()
}
