// Package store loads users.
package store

import "context"

// User is a stored user.
type User struct{ ID string }

// Load reads the user id.
func Load(ctx context.Context, id string) (User, error) {
	return User{ID: id}, ctx.Err()
}

// Cache keeps users.
type Cache struct{}

// Put stores u until ctx ends.
func (*Cache) Put(ctx context.Context, u User) error { return ctx.Err() }
