package store

import "context"

type DB struct{}

func (d *DB) Query(ctx context.Context, q string) (string, error) {
	return q, ctx.Err()
}

var db = &DB{}

// Load has no context, so it makes one: the chain starts here.
func Load(key string) (string, error) {
	return db.Query(context.TODO(), "SELECT "+key)
}

// Walk is recursive: it passes its own context to itself.
func Walk(depth int) int {
	if depth == 0 {
		_, _ = Load("leaf")
		return 0
	}
	return Walk(depth-1) + 1
}

// Refresh already uses ctx for something else.
func Refresh(ctx string) error {
	_, err := Load(ctx)
	return err
}
