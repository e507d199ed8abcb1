package beside

import (
	"context"
	"time"
)

func open(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	return ctx, cancel
}

// Serve leaks one context, and gets a dead one: lost-cancel names the
// first cancel function, so the second gets another name.
func Serve(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Minute)
	defer cancel()
	session, cancelCtx := open(ctx)
	defer cancelCtx()
	return session.Err()
}
