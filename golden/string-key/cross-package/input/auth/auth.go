// Package auth stores the caller's account in the context.
package auth

import "context"

// WithAccount returns ctx carrying the account.
func WithAccount(ctx context.Context, account string) context.Context {
	return context.WithValue(ctx, "account", account)
}

// Account returns the account ctx carries.
func Account(ctx context.Context) string {
	a, _ := ctx.Value("account").(string)
	return a
}
