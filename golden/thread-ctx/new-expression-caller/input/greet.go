package names

// Greet calls lookup inside Go 1.26's `new` of a value, which ctxmod
// parses: threading a context into lookup reaches this call too.
func Greet() *string {
	return new("hello " + lookup("world"))
}
