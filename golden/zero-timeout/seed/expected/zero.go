package zero

import (
	"context"
	"time"
)

type Config struct {
	Timeout    time.Duration
	TimeoutSec int
	Until      time.Time
}

func ping(ctx context.Context) error { return ctx.Err() }

// quickCheck is seed Bug 7.
func quickCheck(parent context.Context, attempt int) error {
	d := time.Duration(attempt) * 100 * time.Millisecond
	ctx, cancel := context.WithTimeout(parent, d) // BUG: d == 0 on attempt 0
	defer cancel()
	return ping(ctx)
}

// runUntil is seed Bug 8, not reported: the deadline is the caller's, and
// the zero time would be the caller's mistake (see the limitations).
func runUntil(parent context.Context, until time.Time) error {
	ctx, cancel := context.WithDeadline(parent, until) // BUG when until is past/zero
	defer cancel()
	return ping(ctx)
}

func fromConfig(parent context.Context, cfg Config) error {
	ctx, cancel := context.WithTimeout(parent, cfg.Timeout)
	defer cancel()
	ctx2, cancel2 := context.WithTimeout(ctx, time.Duration(cfg.TimeoutSec)*time.Second)
	defer cancel2()
	ctx3, cancel3 := context.WithDeadline(ctx2, cfg.Until)
	defer cancel3()
	return ping(ctx3)
}

func loop(parent context.Context) {
	for i := 0; i < 3; i++ {
		ctx, cancel := context.WithTimeout(parent, time.Duration(i)*time.Second)
		_ = ping(ctx)
		cancel()
	}
}

func zeroes(parent context.Context, t time.Time) {
	var deadline time.Time
	ctx, cancel := context.WithDeadline(parent, time.Time{})
	defer cancel()
	ctx, cancel2 := context.WithDeadline(ctx, deadline)
	defer cancel2()
	ctx, cancel3 := context.WithTimeout(ctx, time.Until(t))
	defer cancel3()
	ctx, cancel4 := context.WithTimeout(ctx, 0)
	defer cancel4()
	_ = ping(ctx)
}
