// Package auth stores the signed-in user in the context.
package auth

import "context"

// UserKey is the context key of the signed-in user's name.
const UserKey = "user"

// WithUser returns ctx carrying the user.
func WithUser(ctx context.Context, user string) context.Context {
	return context.WithValue(ctx, UserKey, user)
}

// User returns the user ctx carries, looked up by the literal key.
func User(ctx context.Context) string {
	u, _ := ctx.Value("user").(string)
	return u
}
