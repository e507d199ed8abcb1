package session

import (
	"context"
	"time"
)

// openSession gives a session its own deadline.
func openSession(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(parent, 30*time.Second)
	return ctx, cancel
}

func process(ctx context.Context) {
	<-ctx.Done()
}

// Handle starts the session's work in the background.
func Handle(reqCtx context.Context) {
	sessionCtx, cancel := openSession(reqCtx)
	defer cancel()
	go process(sessionCtx)
}
