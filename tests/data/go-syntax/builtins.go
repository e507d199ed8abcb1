// Builtins: min, max and clear (Go 1.21), make and new in every form, and
// new with an expression operand (Go 1.26).
package gosyntax

import (
	"strconv"
	"time"
	"unsafe"
)

// Config has fields whose addresses new(expr) gives.
type Config struct {
	Name    *string
	Retries *int
	Timeout *time.Duration
	Enabled *bool
}

// Point is a small struct for composite literals.
type Point struct{ X, Y int }

func count() int { return 3 }

func useBuiltins(xs []int, m map[string]int, name string) {
	lo, hi := min(xs[0], xs[1], 3), max(1.5, 2)
	smallest := min("b", "a")
	clear(m)
	clear(xs)

	// The operand of new is a type.
	a := new(int)
	b := new([]int)
	c := new(map[string]int)
	d := new(time.Duration)
	e := new(*Point)
	f := new(struct{ a, b int })
	g := new(func(int) error)
	h := new(interface{ String() string })
	i := new(chan<- int)
	j := new([4]byte)
	k := new(Pair[string, int])

	// The operand of new is an expression (Go 1.26).
	n1 := new(int(42))
	n2 := new(count())
	n3 := new("s")
	n4 := new(lo + 1)
	n5 := new(Point{X: 1})
	n6 := new([]int{1, 2})
	n7 := new(time.Duration(5) * time.Second)
	n8 := new(strconv.Itoa(int(hi)))
	n9 := new(len(name) > 0)
	n10 := new(m["x"])
	n11 := new(xs[1:])
	n12 := new(-lo)
	n13 := new(<-make(chan int, 1))
	n14 := new(func() int { return 1 })
	n15 := new(any(nil))
	cfg := Config{
		Name:    new(name),
		Retries: new(3),
		Timeout: new(30 * time.Second),
		Enabled: new(true),
	}

	s1 := make([]int, 3)
	s2 := make([]int, 0, 10)
	mp := make(map[string][]int)
	mp2 := make(map[Point]bool, 8)
	ch := make(chan int)
	ch2 := make(chan struct{}, 1)
	ch3 := make(<-chan error)
	sv := make(Vec[string], 2)

	xs = append(xs, 1, 2)
	xs = append(xs, s1...)
	copy(s2, xs)
	delete(m, "x")
	z := complex(1, 2)
	_, _ = real(z), imag(z)
	_ = unsafe.Sizeof(a)
	_ = unsafe.String(unsafe.SliceData([]byte("x")), 1)
	close(ch2)
	println(len(xs), cap(xs))
	defer func() {
		if r := recover(); r != nil {
			panic(r)
		}
	}()
	_ = []any{lo, smallest, a, b, c, d, e, f, g, h, i, j, k, n1, n2, n3, n4, n5, n6,
		n7, n8, n9, n10, n11, n12, n13, n14, n15, cfg, mp, mp2, ch, ch3, sv}
}
