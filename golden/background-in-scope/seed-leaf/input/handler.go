package handler

import (
	"context"
	"database/sql"
	"net/http"
)

var db *sql.DB

// handler gets a context with a deadline from higher up the stack.
func handler(ctx context.Context, w http.ResponseWriter, r *http.Request) {
	rows, err := db.QueryContext(context.Background(), "SELECT 1") // BUG
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
}

// serve has only the request.
func serve(w http.ResponseWriter, r *http.Request) {
	if err := db.PingContext(context.TODO()); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
	}
}

// lookup prefers the innermost context declared before the call.
func lookup(parent context.Context, id string) error {
	ctx, cancel := context.WithTimeout(parent, 5e9)
	defer cancel()
	if err := ctx.Err(); err != nil {
		return err
	}
	row := db.QueryRowContext(context.TODO(), "SELECT name FROM users WHERE id = ?", id)
	var name string
	return row.Scan(&name)
}
