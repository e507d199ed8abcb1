// Package jobs starts work in the background.
package jobs

import "context"

// Context is what a scheduler hands a job.
type Context struct{ name string }

func load(name string) error {
	return fetch(context.TODO(), name)
}

func fetch(ctx context.Context, name string) error {
	if name == "" {
		return ctx.Err()
	}
	return nil
}

// Start would pass its new context to the goroutine detached, with
// context.WithoutCancel, but its parameter `context` hides the package.
func Start(context *Context) {
	go func() {
		_ = load(context.name)
	}()
}
