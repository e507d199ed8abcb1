package zero

import (
	"context"
	"errors"
	"testing"
)

// A test's zero timeout is what it tests.
func TestExpired(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	if err := ping(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatal(err)
	}
}
