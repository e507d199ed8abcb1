package suppressed

import "context"

func step(ctx context.Context) error { return ctx.Err() }

// Legacy keeps its signature until v2.
func Legacy() error {
	//ctxmod:ignore thread-ctx -- published API, threaded in v2
	return step(context.TODO())
}

func use() error { return Legacy() }
