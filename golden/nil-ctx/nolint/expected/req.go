// Package req builds requests. One passes a nil context on purpose, as
// gin's own test does, silenced for staticcheck: ctxmod leaves it too.
package req

import "net/http"

// Broken builds a request with no context, to test how code copes.
func Broken() (*http.Request, error) {
	return http.NewRequestWithContext(nil, http.MethodGet, "/", nil) //nolint:staticcheck // a nil context on purpose
}
