package beside

import (
	"context"
	"time"
)

func open(parent context.Context) context.Context {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	return ctx
}

// Serve leaks one context, and gets a dead one: lost-cancel names the
// first cancel function, so the second gets another name.
func Serve(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, time.Minute)
	session := open(ctx)
	return session.Err()
}
