// Package parse reads records.
package parse

import "context"

func parse(ctx context.Context, data []byte) error {
	return check(ctx, data)
}

func check(ctx context.Context, data []byte) error {
	if len(data) == 0 {
		return ctx.Err()
	}
	return nil
}
