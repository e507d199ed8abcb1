package tags

import "context"

// load has a declaration for Linux, which makes its own context, and one
// for Windows, which does not: giving one a context parameter would stop
// the Windows build, so neither changes.
func load(name string) string {
	return fetch(context.TODO(), name)
}

func fetch(ctx context.Context, name string) string {
	if ctx.Err() != nil {
		return ""
	}
	return name
}

// Get is a method with a declaration for each system, the same way.
func (c *Cache) Get(name string) string {
	return fetch(context.Background(), c.prefix+name)
}
