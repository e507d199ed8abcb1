// Package opt takes an optional context: `ctxs` is a slice, maybe empty,
// so it is not a context to use instead of Background().
package opt

import "context"

// Load uses the context given, if any.
func Load(id string, ctxs ...context.Context) error {
	ctx := context.Background()
	if len(ctxs) > 0 {
		ctx = ctxs[0]
	}
	return fetch(ctx, id)
}

func fetch(ctx context.Context, id string) error {
	if id == "" {
		return ctx.Err()
	}
	return nil
}
