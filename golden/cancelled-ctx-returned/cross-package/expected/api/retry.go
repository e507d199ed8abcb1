package api

import (
	"context"
	"net/http"
	"time"

	sess "example.com/cross-package/sessions"
)

// Retry gives a request a second, and a minute when that is not enough.
func Retry(r *http.Request, send func(*http.Request) error) error {
	session, cancel := sess.Open(r.Context(), time.Second)
	defer cancel()
	if err := send(r.WithContext(session)); err == nil {
		return nil
	}
	var cancelCtx context.CancelFunc
	session, cancelCtx = sess.Open(r.Context(), time.Minute)
	defer cancelCtx()
	return send(r.WithContext(session))
}
