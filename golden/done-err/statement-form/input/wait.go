package statementform

import (
	"context"
	"errors"
	"net/http"
)

func waitForShutdown(ctx context.Context) error {
	<-ctx.Done()
	return errors.New("shutting down")
}

func handle(w http.ResponseWriter, r *http.Request) error {
	<-r.Context().Done()
	if r.Method == http.MethodPost {
		return errors.New("client went away during the upload")
	}
	return nil
}
