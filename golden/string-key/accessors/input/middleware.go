package account

import (
	"context"
	"net/http"
)

// Account is who is signed in.
type Account struct{ ID string }

// SignIn stores the request's account and ID in its context.
func SignIn(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		acct := &Account{ID: r.Header.Get("X-Account")}
		ctx := context.WithValue(r.Context(), "account", acct)
		ctx = context.WithValue(ctx, "request_id", r.Header.Get("X-Request-ID"))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
