package api

import (
	"net/http"

	st "example.com/chain/store"
)

// Serve is an http handler: it passes the request's context.
func Serve(w http.ResponseWriter, r *http.Request) {
	v, err := st.Load(r.URL.Path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_, _ = w.Write([]byte(v))
}

// Warm has no context: it is threaded too, up to main.
func Warm() {
	go st.Walk(3)
	_ = st.Refresh("x")
}
