package driver

import (
	"context"
	"sort"
	"time"
)

// throttle returns f, called at most once per d.
func throttle(d time.Duration, f func()) func() {
	var last time.Time
	return func() {
		if time.Since(last) >= d {
			last = time.Now()
			f()
		}
	}
}

type driver struct {
	cleanup func()
	hooks   []func()
	names   []string
}

func (d *driver) clean(ctx context.Context) error { return ctx.Err() }

// Init keeps closures that run long after it returns: they must not use
// its context, which may be cancelled by then.
func (d *driver) Init(ctx context.Context) error {
	d.cleanup = throttle(time.Minute, func() {
		_ = d.clean(context.TODO())
	})
	d.hooks = append(d.hooks, func() { _ = d.clean(context.Background()) })
	later := func() { _ = d.clean(context.Background()) }
	d.hooks = append(d.hooks, later)
	// A callback run before Init returns, and a literal called in place,
	// can use it.
	sort.Slice(d.names, func(i, j int) bool {
		_ = d.clean(context.Background())
		return d.names[i] < d.names[j]
	})
	func() { _ = d.clean(context.TODO()) }()
	return nil
}

// Hook keeps a closure with a context of its own: it uses that one.
func (d *driver) Hook(ctx context.Context) func(context.Context) {
	return func(ctx context.Context) { _ = d.clean(context.TODO()) }
}

type events struct{ handlers []func() error }

// RegisterReloadHandler keeps h to call on every reload.
func (e *events) RegisterReloadHandler(h func() error) { e.handlers = append(e.handlers, h) }

// Setup registers a handler that runs on later reloads.
func (d *driver) Setup(ctx context.Context, e *events) {
	e.RegisterReloadHandler(func() error { return d.clean(context.Background()) })
}
