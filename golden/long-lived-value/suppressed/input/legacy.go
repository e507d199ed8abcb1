package suppressed

import (
	"context"
	"database/sql"
)

type txKey struct{}

// WithDB keeps the database in the context for a legacy plugin API.
func WithDB(ctx context.Context, db *sql.DB) context.Context {
	//ctxmod:ignore long-lived-value -- the plugin API only passes a context
	return context.WithValue(ctx, txKey{}, db)
}
