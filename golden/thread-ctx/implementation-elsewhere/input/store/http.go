package store

import "net/http"

// Handle describes the order the request names.
func Handle(w http.ResponseWriter, r *http.Request, s Store) {
	_, _ = w.Write([]byte(Describe(s, r.URL.Query().Get("id"))))
}
