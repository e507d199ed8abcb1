package store

import "example.com/shop/services/context"

// Describe would take a context.Context, but in this file `context` is
// the application's package: it is reported, not changed.
func Describe(c *context.Context, id string) string {
	return c.User + ": " + load(id)
}
