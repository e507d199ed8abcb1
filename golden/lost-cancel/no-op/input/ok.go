package ok

import (
	"context"
	"time"
)

func query(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return ctx.Err()
}

// unrelated underscores are not findings.
func pair() (int, error) { return 1, nil }

func use() int {
	n, _ := pair()
	return n
}
