package closure

import (
	"context"
	"time"
)

func ping(ctx context.Context) error { return ctx.Err() }

// Probe builds a check whose body has its own deferred cancel.
func Probe(parent context.Context) func() error {
	return func() error {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		defer cancel()
		if err := ping(ctx); err != nil {
			cancel()
			return err
		}
		return nil
	}
}

// Each runs the checks one by one, each under its own deadline.
func Each(parent context.Context, checks []func(context.Context) error) {
	for _, check := range checks {
		func() {
			ctx, cancel := context.WithTimeout(parent, time.Second)
			defer cancel()
			_ = check(ctx)
			cancel()
		}()
	}
}
