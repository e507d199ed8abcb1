package boundary

import (
	"context"
	"errors"
)

func fetch(ctx context.Context, id string) error {
	if id == "" {
		return errors.New("no id")
	}
	return ctx.Err()
}

// Sync makes its own context, but it is stored in a table: its type is
// part of the table's, so it is reported and left alone.
func Sync(id string) error {
	return fetch(context.Background(), id)
}

var jobs = map[string]func(string) error{
	"sync": Sync,
}

// Run uses the table.
func Run(name string) error {
	return jobs[name]("1")
}

// orphan has no caller in the workspace: it may be called by reflection, so
// its signature stays.
func orphan() error {
	return fetch(context.TODO(), "orphan")
}
