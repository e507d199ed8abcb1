// Generics (Go 1.18 on): type parameters, constraints with ~ and unions,
// generic types and their methods, explicit and inferred instantiation,
// generic type aliases (Go 1.24) and generic types that refer to
// themselves in their type parameter list (Go 1.26).
package gosyntax

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Number is a type set: a union of approximation elements.
type Number interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~float32 | ~float64
}

// Stringish mixes a type set with a method.
type Stringish interface {
	~string | ~[]byte
	Len() int
}

// Celsius has underlying type float64, so it is in Number.
type Celsius float64

// Sum adds numbers of any type in Number.
func Sum[N Number](xs ...N) N {
	var total N
	for _, x := range xs {
		total += x
	}
	return total
}

// Map applies f to each element.
func Map[S ~[]E, E, R any](s S, f func(E) R) []R {
	out := make([]R, 0, len(s))
	for _, v := range s {
		out = append(out, f(v))
	}
	return out
}

// Pair is a generic struct with two type parameters.
type Pair[K comparable, V any] struct {
	Key   K
	Value V
}

// Swap is a method on a generic type; the receiver names the parameters.
func (p Pair[K, V]) Swap() Pair[K, V] { return Pair[K, V]{Key: p.Key, Value: p.Value} }

// KeyOf ignores a type parameter in the receiver with _.
func (p *Pair[K, _]) KeyOf() K { return p.Key }

// List is a generic linked list.
type List[T any] struct {
	head *node[T]
	size int
}

type node[T any] struct {
	val  T
	next *node[T]
}

// Push adds v at the front.
func (l *List[T]) Push(v T) {
	l.head = &node[T]{val: v, next: l.head}
	l.size++
}

// Ordered is satisfied by any ordered type.
type Ordered interface {
	cmp.Ordered
}

// Tree is a generic type with a method constraint.
type Tree[T interface{ Less(T) bool }] struct {
	Left, Right *Tree[T]
	Val         T
}

// PtrTo constrains a type parameter to a pointer to another.
func PtrTo[T any, PT interface {
	*T
	Set(string)
}](s string) T {
	var v T
	PT(&v).Set(s)
	return v
}

// Vec is a generic type alias (Go 1.24).
type Vec[T any] = []T

// StringSet is an alias of an instantiated generic type.
type StringSet = Set[string]

// Set is a generic map-backed set.
type Set[T comparable] map[T]struct{}

// Adder refers to itself in its own type parameter list (Go 1.26).
type Adder[A Adder[A]] interface {
	Add(A) A
}

// Matrix has a generic array type as a field.
type Matrix[T Number] struct {
	cells [4][4]T
}

// Max uses the cmp.Ordered constraint.
func Max[T cmp.Ordered](a, b T) T {
	if a > b {
		return a
	}
	return b
}

// Keys returns the keys of any map.
func Keys[M ~map[K]V, K comparable, V any](m M) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

type label struct{ s string }

func (l *label) Set(s string)         { l.s = s }
func (l label) Less(other label) bool { return l.s < other.s }

// Zero returns the zero value of T.
func Zero[T any]() (zero T) { return }

func useGenerics() {
	fmt.Println(Sum(1, 2, 3), Sum[float64](1.5, 2), Sum(Celsius(1), 2))
	lengths := Map([]string{"a", "bb"}, func(s string) int { return len(s) })
	upper := Map[[]string, string, string]([]string{"x"}, strings.ToUpper)
	p := Pair[string, int]{Key: "a", Value: 1}
	q := p.Swap()
	_ = q.KeyOf
	var l List[int]
	l.Push(1)
	s := Set[string]{"a": {}}
	var v Vec[int] = []int{3, 1, 2}
	slices.Sort(v)
	f := Max[int]
	var g func(int, int) int = Max
	_ = Zero[map[string][]int]()
	_ = Keys(map[string]bool{"x": true})
	_ = PtrTo[label, *label]
	_ = Matrix[float64]{}
	_ = Tree[label]{}
	fmt.Println(lengths, upper, s, v, f(1, 2), g(3, 4))
}
