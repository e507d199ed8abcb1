// Package audit records each request in the background, after the
// response has gone out.
package audit

import (
	"context"
	"net/http"
	"time"
)

type userKey struct{}

// Outcome is what a background write saw.
type Outcome struct {
	User string
	Err  error
}

// Outcomes receives one outcome per write.
var Outcomes = make(chan Outcome, 4)

// WithUser stores the caller's name in the request's context.
func WithUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), userKey{}, r.URL.Query().Get("user"))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// write stands for a database write: it fails once ctx is cancelled.
func write(ctx context.Context) {
	time.Sleep(50 * time.Millisecond)
	user, _ := ctx.Value(userKey{}).(string)
	Outcomes <- Outcome{User: user, Err: ctx.Err()}
}

// Handed passes the request's context to the goroutine.
func Handed(w http.ResponseWriter, r *http.Request) {
	go write(r.Context())
	w.Write([]byte("queued"))
}

// Captured starts a goroutine that uses a context taken from the request.
func Captured(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	go func() {
		write(ctx)
	}()
	w.Write([]byte("queued"))
}
