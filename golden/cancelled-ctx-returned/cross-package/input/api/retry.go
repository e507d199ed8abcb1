package api

import (
	"net/http"
	"time"

	sess "example.com/cross-package/sessions"
)

// Retry gives a request a second, and a minute when that is not enough.
func Retry(r *http.Request, send func(*http.Request) error) error {
	session := sess.Open(r.Context(), time.Second)
	if err := send(r.WithContext(session)); err == nil {
		return nil
	}
	session = sess.Open(r.Context(), time.Minute)
	return send(r.WithContext(session))
}
