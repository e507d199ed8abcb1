package suppressed

import "context"

// Legacy is published API: its order stays.
func Legacy(id string,
	//ctxmod:ignore ctx-not-first -- published API, changed in v2
	ctx context.Context) error {
	_ = id
	return ctx.Err()
}

func use(ctx context.Context) error { return Legacy("1", ctx) }
