package runjob

import (
	"context"
	"fmt"
)

func launchAsync() <-chan struct{} {
	done := make(chan struct{})
	go close(done)
	return done
}

func runJob(ctx context.Context) error {
	done := launchAsync()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("job aborted: %w", ctx.Err())
	}
}
