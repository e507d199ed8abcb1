package noop

import (
	"context"
	"time"
)

type key struct{}

// Open already returns the cancel function with the context.
func Open(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	return ctx, cancel
}

// Tag returns a context it never cancels.
func Tag(parent context.Context) context.Context {
	return context.WithValue(parent, key{}, "tag")
}

// Probe cancels its own context, and returns its parent.
func Probe(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	if ctx.Err() != nil {
		return nil
	}
	return parent
}

// Use calls them all.
func Use(parent context.Context) {
	ctx, cancel := Open(parent)
	defer cancel()
	_ = Tag(ctx)
	_ = Probe(ctx)
}
