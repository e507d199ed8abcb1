// Range over integers (Go 1.22), the per-iteration loop variables of Go
// 1.22, and range over functions (Go 1.23).
package gosyntax

import (
	"iter"
	"maps"
	"slices"
	"sync"
)

// Backward yields the elements of s from the last to the first.
func Backward[E any](s []E) iter.Seq2[int, E] {
	return func(yield func(int, E) bool) {
		for i := len(s) - 1; i >= 0; i-- {
			if !yield(i, s[i]) {
				return
			}
		}
	}
}

// Count yields 0, 1, ... n-1.
func Count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

// Times calls its body n times.
func Times(n int) func(func() bool) {
	return func(yield func() bool) {
		for range n {
			if !yield() {
				return
			}
		}
	}
}

// Filter keeps the values of seq for which keep is true.
func Filter[V any](seq iter.Seq[V], keep func(V) bool) iter.Seq[V] {
	return func(yield func(V) bool) {
		for v := range seq {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}

func useIterators(m map[string]int) int {
	total := 0
	for i := range 10 {
		total += i
	}
	for range 3 {
		total++
	}
	var n uint8 = 4
	for i := range n {
		total += int(i)
	}
	for i, v := range Backward([]string{"a", "b"}) {
		total += i + len(v)
	}
	for v := range Filter(Count(5), func(v int) bool { return v%2 == 0 }) {
		total += v
	}
	for range Times(2) {
		total--
	}
	for k, v := range maps.All(m) {
		total += len(k) + v
	}
	keys := slices.Sorted(maps.Keys(m))
	next, stop := iter.Pull(Count(3))
	defer stop()
	if v, ok := next(); ok {
		total += v
	}
	// Each iteration has its own i (Go 1.22): the goroutines see 0..4.
	var wg sync.WaitGroup
	var mu sync.Mutex
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			total += i
			mu.Unlock()
		}()
	}
	wg.Wait()
	var funcs []func() int
	for _, k := range keys {
		funcs = append(funcs, func() int { return len(k) })
	}
	return total + len(funcs)
}
