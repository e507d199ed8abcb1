package account

import (
	"context"
	"fmt"
	"net/http"
)

// Show answers with the account's ID.
func Show(w http.ResponseWriter, r *http.Request) {
	acct, ok := r.Context().Value("account").(*Account)
	if !ok {
		http.Error(w, "not signed in", http.StatusUnauthorized)
		return
	}
	fmt.Fprintln(w, acct.ID, r.Context().Value("request_id"))
}

// MustAccount returns the account, and panics without one.
func MustAccount(ctx context.Context) *Account {
	return ctx.Value("account").(*Account)
}
