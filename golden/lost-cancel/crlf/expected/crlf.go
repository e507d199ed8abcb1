package crlf

import "context"

// Work runs f under a child context.
func Work(parent context.Context, f func(context.Context) error) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	return f(ctx)
}
