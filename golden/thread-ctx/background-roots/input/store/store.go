// Package store loads records.
package store

import "context"

func fetch(ctx context.Context, id int) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	return "record", nil
}

// Load makes its own context; every chain to it starts at main, which
// would pass context.Background(): threading changes nothing at run time,
// so it is reported and left.
func Load(id int) (string, error) {
	return fetch(context.TODO(), id)
}
