// Package names looks names up.
package names

import "context"

func lookup(name string) string {
	return find(context.TODO(), name)
}

func find(ctx context.Context, name string) string {
	if ctx.Err() != nil {
		return ""
	}
	return name
}

// Describe has a context to pass.
func Describe(ctx context.Context, name string) string {
	return "name: " + lookup(name)
}
