package tags

import "context"

// Cache prefixes names.
type Cache struct{ prefix string }

// Describe has a context to pass.
func Describe(ctx context.Context, c *Cache, name string) string {
	return load(name) + c.Get(name)
}
