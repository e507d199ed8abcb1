//go:build ignore

package mixed

import "context"

func Broken(parent context.Context) error {
	ctx, _ := context.WithCancel(parent)
	return ctx.Err(
}
