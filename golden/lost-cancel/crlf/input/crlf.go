package crlf

import "context"

// Work runs f under a child context.
func Work(parent context.Context, f func(context.Context) error) error {
	ctx, _ := context.WithCancel(parent)
	return f(ctx)
}
