package names

// Greet calls lookup in a file ctxmod's parser rejects (`new` of a value
// is Go 1.26), so lookup keeps its signature: this call could not be
// updated.
func Greet() *string {
	return new("hello " + lookup("world"))
}
