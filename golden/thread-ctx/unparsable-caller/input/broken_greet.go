//go:build ignore

package names

// Greet calls lookup in a file ctxmod's parser rejects (a syntax error:
// the build constraint keeps it out of the build), so lookup keeps its
// signature: this call could not be updated.
func Greet() string {
	return "hello " + lookup("world"
}
