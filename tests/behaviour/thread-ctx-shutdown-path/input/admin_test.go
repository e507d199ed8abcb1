package admin

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// The client that asked for the stop has hung up by the time the
// cleanup runs: the cleanup is not cut short with its request.
func TestStopCleansUpAfterTheClientHasGone(t *testing.T) {
	var ran bool
	var cleanupErr error
	saved := cleanup
	t.Cleanup(func() { cleanup = saved })
	cleanup = func(ctx context.Context) error {
		ran = true
		cleanupErr = ctx.Err()
		return cleanupErr
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodPost, "/stop", nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	Handler().ServeHTTP(rec, req)

	if rec.Code != http.StatusOK {
		t.Fatalf("the stop request got %d", rec.Code)
	}
	if !ran {
		t.Fatal("the exit cleanup never ran")
	}
	if cleanupErr != nil {
		t.Fatalf("the exit cleanup was cut short: %v", cleanupErr)
	}
}
