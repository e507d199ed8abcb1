package spell

import "context"

// WithUser stores the user under a raw string literal.
func WithUser(ctx context.Context, user string) context.Context {
	return context.WithValue(ctx, `user`, user)
}

// User reads it back with an interpreted literal of the same string.
func User(ctx context.Context) string {
	u, _ := ctx.Value("user").(string)
	return u
}

// HasUser spells the same string with an escape.
func HasUser(ctx context.Context) bool {
	return ctx.Value("us\x65r") != nil
}
