package errorfargs

import (
	"context"
	"fmt"
)

// Result is what a step produced.
type Result struct{ N int }

func step(ctx context.Context, n int, name string, out <-chan Result) (*Result, error) {
	select {
	case r := <-out:
		return &r, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("step %d of %s aborted: %w", n, name, ctx.Err())
	}
}

func percent(ctx context.Context, done <-chan struct{}) error {
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("stopped at 100%% of the quota: %w", ctx.Err())
	}
}

func raw(ctx context.Context, done <-chan struct{}) error {
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf(`upload "cancelled": %w`, ctx.Err())
	}
}

func multiline(ctx context.Context, done <-chan struct{}, id string) error {
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf(
			"waiting for %s: %w", // the job's id
			id,
			ctx.Err(),
		)
	}
}

type server struct {
	ctx  context.Context
	quit chan struct{}
}

func (s *server) wait() error {
	select {
	case <-s.quit:
		return nil
	case <-s.ctx.Done():
		if s.quit == nil {
			return fmt.Errorf("server never started: %w", s.ctx.Err())
		}
		return fmt.Errorf("server stopped: %w", s.ctx.Err())
	}
}
