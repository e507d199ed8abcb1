package clash

import "context"

// userKey is already taken, by a map key.
var userKey = "name"

// Remember stores the user in ctx and in a map.
func Remember(ctx context.Context, m map[string]string, user string) context.Context {
	m[userKey] = user
	return context.WithValue(ctx, "user", user)
}

// Recall reads the user back.
func Recall(ctx context.Context) string {
	u, _ := ctx.Value("user").(string)
	return u
}
