package storedintest

import "context"

// User returns the user a caller stored in ctx.
func User(ctx context.Context) string {
	u, _ := ctx.Value("user").(string)
	return u
}
