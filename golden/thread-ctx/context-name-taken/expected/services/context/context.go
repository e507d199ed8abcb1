// Package context is the application's own request context: its name is
// the standard library package's.
package context

// Context holds a request's user.
type Context struct{ User string }
