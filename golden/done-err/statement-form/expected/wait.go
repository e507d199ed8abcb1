package statementform

import (
	"context"
	"fmt"
	"net/http"
)

func waitForShutdown(ctx context.Context) error {
	<-ctx.Done()
	return fmt.Errorf("shutting down: %w", ctx.Err())
}

func handle(w http.ResponseWriter, r *http.Request) error {
	<-r.Context().Done()
	if r.Method == http.MethodPost {
		return fmt.Errorf("client went away during the upload: %w", r.Context().Err())
	}
	return nil
}
