package hooks

import "context"

// Hooks run when the server stops, long after Register returns.
type Hooks struct {
	OnStop []func()
}

func flush(ctx context.Context, name string) error { return ctx.Err() }

// Register adds the flush of name; ctx bounds only the registration.
func Register(ctx context.Context, h *Hooks, name string) error {
	h.OnStop = append(h.OnStop, func() {
		_ = flush(nil, name)
	})
	return flush(ctx, name)
}
