// Package store saves audit records.
package store

import "context"

// Save writes the record; it stops when ctx is cancelled.
func Save(ctx context.Context, what string) error { return ctx.Err() }
