package notfixed

import (
	"context"
	"time"
)

// child is called in ways a `defer` cannot follow.
func child(parent context.Context) context.Context {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	return ctx
}

func process(ctx context.Context) {
	<-ctx.Done()
}

// Start hands the child straight to a goroutine.
func Start(parent context.Context) {
	go process(child(parent))
}

// Wrap returns the child as its own.
func Wrap(parent context.Context) context.Context {
	return child(parent)
}

// attempt returns another result besides the context.
func attempt(parent context.Context) (context.Context, error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	return ctx, parent.Err()
}

// Try uses attempt.
func Try(parent context.Context) error {
	_, err := attempt(parent)
	return err
}

// each is called in a loop.
func each(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	return ctx
}

// All runs one context per item.
func All(parent context.Context, items []string) {
	for range items {
		ctx := each(parent)
		process(ctx)
	}
}
