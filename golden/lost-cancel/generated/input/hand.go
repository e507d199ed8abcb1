package gen

import "context"

func Hand(parent context.Context) error {
	ctx, _ := context.WithCancel(parent)
	return ctx.Err()
}
