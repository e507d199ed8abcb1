package account

import (
	"context"
	"net/http"
)

// Account is who is signed in.
type Account struct{ ID string }

type accountKey struct{}

// withAccount returns a copy of ctx carrying v under accountKey{}.
func withAccount(ctx context.Context, v *Account) context.Context {
	return context.WithValue(ctx, accountKey{}, v)
}

// accountFrom returns the value ctx carries under accountKey{}, and whether it has one.
func accountFrom(ctx context.Context) (*Account, bool) {
	v, ok := ctx.Value(accountKey{}).(*Account)
	return v, ok
}

type requestIDKey struct{}

// SignIn stores the request's account and ID in its context.
func SignIn(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		acct := &Account{ID: r.Header.Get("X-Account")}
		ctx := withAccount(r.Context(), acct)
		ctx = context.WithValue(ctx, requestIDKey{}, r.Header.Get("X-Request-ID"))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
