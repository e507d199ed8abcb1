package old

import (
	"context"
	"net/http"
)

func process(ctx context.Context, id string) error { return ctx.Err() }

// Upload predates context.WithoutCancel.
func Upload(w http.ResponseWriter, r *http.Request) {
	go process(r.Context(), r.FormValue("id"))
	w.WriteHeader(http.StatusAccepted)
}
