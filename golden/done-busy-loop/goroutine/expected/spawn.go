package goroutine

import (
	"context"
	"time"
)

func start(ctx context.Context, tick time.Duration, beat func()) {
	go func() {
		t := time.NewTicker(tick)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				beat()
			}
		}
	}()
}

func group(ctx context.Context, in <-chan int, run func(func() error)) {
	run(func() error {
		for {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case v := <-in:
				_ = v
			}
		}
	})
}
