package billing

import "context"

// Invoice takes its context second.
func Invoice(id string, ctx context.Context) error {
	_ = id
	return ctx.Err()
}

type Store struct{}

// Get takes the context last, after two strings.
func (s *Store) Get(key, region string, ctx context.Context) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	return key + region, nil
}

// Retry calls Invoice itself.
func Retry(id string, ctx context.Context) error {
	if err := Invoice(id, ctx); err != nil {
		return Invoice(id,
			ctx)
	}
	return nil
}
