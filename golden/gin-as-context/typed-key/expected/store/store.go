// Package store loads users.
package store

import "context"

type userKey struct{}

// WithUser returns ctx carrying the caller's name.
func WithUser(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, userKey{}, name)
}

// User is a stored user.
type User struct{ ID, By string }

// Load reads the user id on behalf of the caller the context names.
func Load(ctx context.Context, id string) (User, error) {
	by, _ := ctx.Value(userKey{}).(string)
	return User{ID: id, By: by}, ctx.Err()
}
