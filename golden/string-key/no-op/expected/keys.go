package noop

import "context"

type ctxKey int

const (
	userKey ctxKey = iota
	traceKey
)

type sessionKey struct{}

// With stores the user, trace and session under keys of their own types.
func With(ctx context.Context, user, trace, session string) context.Context {
	ctx = context.WithValue(ctx, userKey, user)
	ctx = context.WithValue(ctx, traceKey, trace)
	return context.WithValue(ctx, sessionKey{}, session)
}

// User reads the user back.
func User(ctx context.Context) string {
	u, _ := ctx.Value(userKey).(string)
	return u
}
