package storedintest

import "context"

type userKey struct{}

// User returns the user a caller stored in ctx.
func User(ctx context.Context) string {
	u, _ := ctx.Value(userKey{}).(string)
	return u
}
