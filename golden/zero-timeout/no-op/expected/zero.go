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

// Not findings: constants, checked values, a deadline from now.

func fine(parent context.Context, cfg Config, t time.Time) {
	ctx, cancel := context.WithTimeout(parent, 5*time.Second)
	defer cancel()
	if cfg.Timeout > 0 {
		c, cancel := context.WithTimeout(ctx, cfg.Timeout)
		defer cancel()
		_ = ping(c)
	}
	if !t.IsZero() {
		c, cancel := context.WithDeadline(ctx, t)
		defer cancel()
		_ = ping(c)
	}
	c, cancel2 := context.WithDeadline(ctx, time.Now().Add(time.Minute))
	defer cancel2()
	for attempt := 1; attempt < 3; attempt++ {
		c, cancel := context.WithTimeout(c, time.Duration(attempt+1)*time.Second)
		_ = ping(c)
		cancel()
	}
}

// retry counts from 1, and the loop checks the counter.
func retry(parent context.Context, retries int) error {
	if retries < 1 {
		retries = 1
	}
	ctx, cancel := context.WithTimeout(parent, time.Duration(retries)*time.Second)
	defer cancel()
	return ping(ctx)
}
