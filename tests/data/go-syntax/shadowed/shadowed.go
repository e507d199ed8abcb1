// make and new are predeclared identifiers, not keywords: this package
// shadows make with a generic function and new with a local variable.
package shadowed

// make shadows the builtin in this package.
func make[T any](x T) T { return x }

func build() []int {
	var s []int
	s = append(s, make[int](1), make(2))
	s = append(s, make[[]int](nil)...)
	double := make[func(int) int](func(v int) int { return v * 2 })
	return append(s, double(3))
}

func locals(xs ...int) int {
	new := func(a, b int) int { return a + b }
	sum := new(1, 2)
	for _, x := range xs {
		sum = new(sum, x)
	}
	add := func(ys ...int) int { return len(ys) }
	return sum + add(xs...)
}

type builder struct{}

// new is an ordinary method name.
func (builder) new(n int, rest ...string) int { return n + len(rest) }

func methods() int {
	var b builder
	return b.new(1, "a", "b")
}

type item struct{ Name string }

// changed indexes a parameter named new, as validation code often does.
func changed(old, new []item) bool {
	for i, it := range new {
		if i >= len(old) || new[i].Name != old[i].Name || it != old[i] {
			return true
		}
	}
	return len(new) != len(old)
}
