package shop

import (
	"context"
	"net/http"
	"os/exec"

	"example.com/crosspackage/billing"
)

func Order(w http.ResponseWriter, r *http.Request) {
	if err := billing.Invoice(r.Context(), "42"); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://example.com", nil)
	_, _ = req, err
}

func Tool(ctx context.Context) error {
	return exec.CommandContext(ctx, "true").Run()
}
