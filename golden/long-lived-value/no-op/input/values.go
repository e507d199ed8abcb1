package noop

import (
	"context"
	"net/http"
	"time"
)

type requestIDKey struct{}

type deadlineKey struct{}

type userKey struct{}

// User is who made a request.
type User struct{ Name string }

// Tag stores request-scoped values: an ID, a time and the caller.
func Tag(r *http.Request, user *User) context.Context {
	ctx := context.WithValue(r.Context(), requestIDKey{}, r.Header.Get("X-Request-ID"))
	ctx = context.WithValue(ctx, deadlineKey{}, time.Now().Add(time.Second))
	return context.WithValue(ctx, userKey{}, user)
}
