package sessions

import (
	"context"
	"time"
)

// Open starts a session that ends at a deadline.
func Open(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithDeadline(parent, time.Now().Add(d))
	return ctx, cancel
}
