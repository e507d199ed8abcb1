package kept

import "context"

type events struct{ handlers []func() error }

// RegisterReloadHandler keeps h to call on every reload.
func (e *events) RegisterReloadHandler(h func() error) { e.handlers = append(e.handlers, h) }

func load(ctx context.Context) error { return ctx.Err() }

// reload makes its own context.
func reload() error { return load(context.TODO()) }

// setup registers reload to run on later reloads, long after setup's
// caller may have cancelled its context; it also reloads once now.
func setup(e *events) error {
	e.RegisterReloadHandler(func() error { return reload() })
	later := func() { _ = load(context.Background()) }
	later()
	return reload()
}

// Serve has the context setup is given.
func Serve(ctx context.Context, e *events) error { return setup(e) }
