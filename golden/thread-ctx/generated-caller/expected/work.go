package gencaller

import "context"

func step(ctx context.Context) error { return ctx.Err() }

// Work is called from generated code, which ctxmod does not edit: its
// signature stays and the finding says why.
func Work() error {
	return step(context.TODO())
}
