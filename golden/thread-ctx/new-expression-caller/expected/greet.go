package names

import "context"

// Greet calls lookup inside Go 1.26's `new` of a value, which ctxmod
// parses: threading a context into lookup reaches this call too.
//
// Deprecated: use GreetContext.
func Greet() *string {
	return GreetContext(context.Background())
}

// GreetContext is like Greet but takes a context.
func GreetContext(ctx context.Context) *string {
	return new("hello " + lookup(ctx, "world"))
}
