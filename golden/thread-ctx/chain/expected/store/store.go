package store

import "context"

type DB struct{}

func (d *DB) Query(ctx context.Context, q string) (string, error) {
	return q, ctx.Err()
}

var db = &DB{}

// Load has no context, so it makes one: the chain starts here.
func Load(ctx context.Context, key string) (string, error) {
	return db.Query(ctx, "SELECT "+key)
}

// Walk is recursive: it passes its own context to itself.
func Walk(ctx context.Context, depth int) int {
	if depth == 0 {
		_, _ = Load(ctx, "leaf")
		return 0
	}
	return Walk(ctx, depth-1) + 1
}

// Refresh already uses ctx for something else.
func Refresh(ctx2 context.Context, ctx string) error {
	_, err := Load(ctx2, ctx)
	return err
}
