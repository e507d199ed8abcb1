package lastuse

import (
	"net/http"
)

// ServeHTTP's only use of the context package is the TODO: once it is
// replaced, the import goes too.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := h.p.Process(r.Context(), r.URL.Path); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
