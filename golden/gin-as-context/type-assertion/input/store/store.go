// Package store loads users.
package store

import (
	"context"

	"github.com/gin-gonic/gin"
)

// User is a stored user.
type User struct{ ID, IP string }

// Load reads the user id, noting the client's address when called from a
// gin handler.
func Load(ctx context.Context, id string) (User, error) {
	u := User{ID: id}
	if c, ok := ctx.(*gin.Context); ok {
		u.IP = c.ClientIP()
	}
	return u, ctx.Err()
}
