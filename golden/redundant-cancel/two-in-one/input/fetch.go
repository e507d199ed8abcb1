package twice

import (
	"context"
	"errors"
	"fmt"
	"time"
)

var errEmpty = errors.New("empty")

func dial(ctx context.Context) error            { return ctx.Err() }
func fetch(ctx context.Context) ([]byte, error) { return nil, ctx.Err() }

// Fetch cancels on every early return although the defer already does.
func Fetch(parent context.Context, addr string) ([]byte, error) {
	ctx, stop := context.WithTimeout(parent, 5*time.Second)
	defer stop()

	if err := dial(ctx); err != nil {
		stop()
		return nil, fmt.Errorf("dial %s: %w", addr, err)
	}
	body, err := fetch(ctx)
	if err != nil {
		stop()

		return nil, err
	}
	if len(body) == 0 {
		stop()
		return nil, errEmpty
	}
	return body, nil
}
