package zero

import (
	"context"
	"time"
)

// Config is loaded and validated at startup.
type Config struct {
	Timeout time.Duration
}

func ping(ctx context.Context) error { return ctx.Err() }

func run(parent context.Context, cfg Config) error {
	//ctxmod:ignore zero-timeout -- Config.Timeout is validated when it is loaded
	ctx, cancel := context.WithTimeout(parent, cfg.Timeout)
	defer cancel()
	return ping(ctx)
}
