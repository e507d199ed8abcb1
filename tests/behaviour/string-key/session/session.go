// Package session keeps a request's user, role, attempt and trace in its
// context, under string and integer keys.
package session

import "context"

const roleKey = "role"

// With returns ctx carrying the user, role, attempt and trace.
func With(ctx context.Context, user, role string, attempt int, trace string) context.Context {
	ctx = context.WithValue(ctx, "user", user)
	ctx = context.WithValue(ctx, roleKey, role)
	ctx = context.WithValue(ctx, 7, attempt)
	return context.WithValue(ctx, `trace-id`, trace)
}

// User returns the user, and whether there is one.
func User(ctx context.Context) (string, bool) {
	u, ok := ctx.Value("user").(string)
	return u, ok
}

// Role returns the role, or "".
func Role(ctx context.Context) string {
	r, _ := ctx.Value(roleKey).(string)
	return r
}

// Attempt returns the attempt; it panics when there is none.
func Attempt(ctx context.Context) int {
	return ctx.Value(7).(int)
}

// Trace returns the trace, whatever it is.
func Trace(ctx context.Context) any {
	return ctx.Value("trace-id")
}
