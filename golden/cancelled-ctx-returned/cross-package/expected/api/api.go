package api

import (
	"context"
	"time"

	sess "example.com/cross-package/sessions"
)

// Call runs one request in a session of its own.
func Call(ctx context.Context, send func(context.Context) error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	session, cancel := sess.Open(ctx, time.Second) // one second per call
	defer cancel()
	return send(session)
}
