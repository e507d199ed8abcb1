package billing

import "context"

// Invoice takes its context second, which is odd but legal.
func Invoice(id string, ctx context.Context) error {
	_ = id
	return ctx.Err()
}
