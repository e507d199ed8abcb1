package noop

import (
	"context"
	"errors"
	"fmt"
)

func wraps(ctx context.Context, done <-chan struct{}) error {
	select {
	case <-done:
		return errors.New("finished early")
	case <-ctx.Done():
		return fmt.Errorf("job aborted: %w", ctx.Err())
	}
}

func cause(ctx context.Context, done <-chan struct{}) error {
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("job aborted: %w", context.Cause(ctx))
	}
}

func plain(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

// The error is made before the wait: nothing to do with the context.
func before(ctx context.Context, ready bool) error {
	if !ready {
		return errors.New("not ready")
	}
	<-ctx.Done()
	return nil
}

// The error is returned by a closure started after the wait.
func closure(ctx context.Context, run func(func() error)) {
	<-ctx.Done()
	run(func() error {
		return errors.New("cleanup failed")
	})
}
