package billing

import "context"

// Invoice takes its context second, which is odd but legal.
func Invoice(ctx context.Context, id string) error {
	_ = id
	return ctx.Err()
}
