package unknown

import "context"

// put stores v under any string key its caller picks.
func put(ctx context.Context, key string, v any) context.Context {
	return context.WithValue(ctx, key, v)
}

// WithUser stores the user through put, so "user" may be stored there too.
func WithUser(ctx context.Context, user string) context.Context {
	return put(ctx, "user", user)
}

// User reads the user by its literal key.
func User(ctx context.Context) string {
	u, _ := ctx.Value("user").(string)
	return u
}

// Save stores the user directly as well.
func Save(ctx context.Context, user string) context.Context {
	return context.WithValue(ctx, "user", user)
}
