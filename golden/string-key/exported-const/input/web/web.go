// Package web greets the user auth stored.
package web

import (
	"context"

	"example.com/exported-const/auth"
)

// Greeting names the user ctx carries.
func Greeting(ctx context.Context) string {
	u, _ := ctx.Value(auth.UserKey).(string)
	return "hello " + u
}
