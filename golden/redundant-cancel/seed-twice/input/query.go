package query

import "context"

func doWork(ctx context.Context) error { return ctx.Err() }

// runQuery is Bug 10 of the seed: the explicit cancel() repeats the defer.
func runQuery(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	err := doWork(ctx)
	if err != nil {
		cancel()
		return err
	}
	return nil
}
