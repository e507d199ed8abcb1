// Package jobs runs two steps. Both make their own context, and Run, which
// calls both, would thread one context to them; but it runs one in a
// goroutine, which would need context.WithoutCancel (Go 1.21). The group
// is not fixed, and each step is reported.
package jobs

import "context"

func fetch(ctx context.Context, id string) error { return ctx.Err() }

func load(id string) error {
	return fetch(context.TODO(), id)
}

func save(id string) error {
	return fetch(context.Background(), id)
}

// Run loads in the background and saves now.
func Run(id string) error {
	go func() {
		_ = load(id)
	}()
	return save(id)
}
