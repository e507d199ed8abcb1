package typed

import "context"

// With stores the user under a typed key, and the session under a string.
func With(ctx context.Context, user, session string) context.Context {
	ctx = context.WithValue(ctx, userKey, user)
	return context.WithValue(ctx, "session", session)
}

// Session reads the session back.
func Session(ctx context.Context) string {
	s, _ := ctx.Value("session").(string)
	return s
}
