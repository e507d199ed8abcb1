package unfixable

import (
	"context"
	"errors"
	"fmt"
)

// ErrClosed is wrapped with the context's reason as text only.
var ErrClosed = errors.New("closed")

func wrapsOther(ctx context.Context, done <-chan struct{}) error {
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("aborted: %w", ErrClosed)
	}
}

func otherVerb(ctx context.Context, done <-chan struct{}) error {
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("aborted: %v", ctx.Err())
	}
}

func formatVariable(ctx context.Context, done <-chan struct{}, format string, n int) error {
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf(format, n)
	}
}

func messageVariable(ctx context.Context, done <-chan struct{}, msg string) error {
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return errors.New(msg)
	}
}
