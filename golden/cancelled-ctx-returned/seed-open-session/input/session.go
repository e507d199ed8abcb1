package session

import (
	"context"
	"time"
)

// openSession gives a session its own deadline.
func openSession(parent context.Context) context.Context {
	ctx, cancel := context.WithTimeout(parent, 30*time.Second)
	defer cancel() // BUG: cancels before caller can use ctx
	return ctx
}

func process(ctx context.Context) {
	<-ctx.Done()
}

// Handle starts the session's work in the background.
func Handle(reqCtx context.Context) {
	sessionCtx := openSession(reqCtx)
	go process(sessionCtx)
}
