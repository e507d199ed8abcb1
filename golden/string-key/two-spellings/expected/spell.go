package spell

import "context"

type userKey struct{}

// WithUser stores the user under a raw string literal.
func WithUser(ctx context.Context, user string) context.Context {
	return context.WithValue(ctx, userKey{}, user)
}

// User reads it back with an interpreted literal of the same string.
func User(ctx context.Context) string {
	u, _ := ctx.Value(userKey{}).(string)
	return u
}

// HasUser spells the same string with an escape.
func HasUser(ctx context.Context) bool {
	return ctx.Value(userKey{}) != nil
}
