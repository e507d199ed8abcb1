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

type transport struct {
	timeout    time.Duration
	timeoutSet bool
	rpcTimeout time.Duration
}

// serve is grpc's handler transport: the flag says the timeout was set.
func (t *transport) serve(parent context.Context) {
	var cancel context.CancelFunc
	ctx := parent
	if t.timeoutSet {
		ctx, cancel = context.WithTimeout(parent, t.timeout)
	} else {
		ctx, cancel = context.WithCancel(parent)
	}
	defer cancel()
	_ = ping(ctx)
}

// lookup looks at the field in an earlier if, whatever it does there.
func (t *transport) lookup(parent context.Context, fallback time.Duration) error {
	if fallback > 0 {
		t.rpcTimeout = max(t.rpcTimeout, fallback)
	}
	ctx, cancel := context.WithTimeout(parent, t.rpcTimeout)
	defer cancel()
	return ping(ctx)
}

// connect gets its deadline from its caller, which computed it.
func connect(parent context.Context, connectDeadline time.Time) error {
	ctx, cancel := context.WithDeadline(parent, connectDeadline)
	defer cancel()
	return ping(ctx)
}

func dial(parent context.Context) error {
	return connect(parent, time.Now().Add(20*time.Second))
}
