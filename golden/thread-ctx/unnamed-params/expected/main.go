package main

import (
	"context"
	"fmt"
)

// Store's method names no parameter: the new context is unnamed too.
type Store interface {
	Get(context.Context, int64) (string, error)
}

type mem struct{}

// Get names no parameter: the new one is named, so the others become `_`.
func (mem) Get(ctx context.Context, _ int64) (string, error) {
	return lookup(ctx, "k")
}

func lookup(ctx context.Context, key string) (string, error) {
	return key, ctx.Err()
}

func double(ctx context.Context, _ int) int {
	v, _ := lookup(ctx, "d")
	return 2 * len(v)
}

func sum(ctx context.Context, _ ...int) int {
	v, _ := lookup(ctx, "s")
	return len(v)
}

func handle(ctx context.Context, s Store) {
	v, err := s.Get(ctx, 1)
	fmt.Println(v, err, double(ctx, 2), sum(ctx, 1, 2))
}

func main() {
	handle(context.Background(), mem{})
}
