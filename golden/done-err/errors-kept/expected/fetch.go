package errorskept

import (
	"context"
	"errors"
	"fmt"
)

// ErrEmpty is returned for an empty key.
var ErrEmpty = errors.New("empty key")

func fetch(ctx context.Context, key string, results <-chan string) (string, error) {
	if key == "" {
		return "", ErrEmpty
	}
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		return "", fmt.Errorf("fetch cancelled: %w", ctx.Err())
	}
}

func describe(key string) string {
	return fmt.Sprintf("key %q", key)
}
