package billing

import "context"

// Invoice takes its context second.
func Invoice(ctx context.Context, id string) error {
	_ = id
	return ctx.Err()
}

type Store struct{}

// Get takes the context last, after two strings.
func (s *Store) Get(ctx context.Context, key, region string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	return key + region, nil
}

// Retry calls Invoice itself.
func Retry(ctx context.Context, id string) error {
	if err := Invoice(ctx, id); err != nil {
		return Invoice(ctx,
			id)
	}
	return nil
}
