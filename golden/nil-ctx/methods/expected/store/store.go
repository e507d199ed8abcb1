package store

import "context"

type DB struct{}

func New() *DB { return &DB{} }

func (d *DB) Get(ctx context.Context, key string) error { return ctx.Err() }

// Put has no context: nil is a valid key there.
func (d *DB) Put(key *string, value any) error { return nil }

// Cache has a Get of its own, without a context.
type Cache struct{}

func (Cache) Get(key *string, fallback string) string { return fallback }
