package relay

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// The billing runs after the request is over, when its context is
// cancelled: it must still reach the cache.
func TestQuotaIsBilledAfterTheRequestEnds(t *testing.T) {
	cache.quotas[quotaKey(7)] = 100
	requests := make(chan context.Context, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests <- r.Context()
		Relay(w, r)
	}))
	defer srv.Close()

	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	select {
	case <-(<-requests).Done():
	case <-time.After(2 * time.Second):
		t.Fatal("the request's context was not cancelled after the response")
	}
	select {
	case billing <- struct{}{}:
	case <-time.After(2 * time.Second):
		t.Fatal("the billing did not start")
	}
	select {
	case err := <-billed:
		if err != nil {
			t.Fatalf("the quota cache was not updated: %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the billing did not finish")
	}
	if got := cache.Get(quotaKey(7)); got != 95 {
		t.Fatalf("the quota cache was not updated: quota %d, want 95", got)
	}
}
