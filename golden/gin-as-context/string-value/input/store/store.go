// Package store loads users.
package store

import "context"

// User is a stored user.
type User struct{ ID, By string }

// Load reads the user id on behalf of the caller the context names.
func Load(ctx context.Context, id string) (User, error) {
	by, _ := ctx.Value("user").(string)
	return User{ID: id, By: by}, ctx.Err()
}
