package main

import (
	"context"
	"fmt"
)

// Store's method names no parameter: the new context is unnamed too.
type Store interface {
	Get(int64) (string, error)
}

type mem struct{}

// Get names no parameter: the new one is named, so the others become `_`.
func (mem) Get(int64) (string, error) {
	return lookup(context.TODO(), "k")
}

func lookup(ctx context.Context, key string) (string, error) {
	return key, ctx.Err()
}

func double(int) int {
	v, _ := lookup(context.TODO(), "d")
	return 2 * len(v)
}

func sum(...int) int {
	v, _ := lookup(context.TODO(), "s")
	return len(v)
}

func handle(ctx context.Context, s Store) {
	v, err := s.Get(1)
	fmt.Println(v, err, double(2), sum(1, 2))
}

func main() {
	handle(context.Background(), mem{})
}
