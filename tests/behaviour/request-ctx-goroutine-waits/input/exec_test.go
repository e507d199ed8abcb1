package exec

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// The command fails to start, so nothing reads the resize events: the
// goroutine sending them must end with the request.
func TestResizeGoroutineEndsWithTheRequest(t *testing.T) {
	stopped := make(chan struct{})
	resizeStopped = func() { close(stopped) }
	defer func() { resizeStopped = func() {} }()
	srv := httptest.NewServer(http.HandlerFunc(Handle))
	defer srv.Close()

	events := `{"Width":80,"Height":24}{"Width":120,"Height":40}`
	resp, err := http.Post(srv.URL, "application/json", strings.NewReader(events))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status %d, want %d", resp.StatusCode, http.StatusInternalServerError)
	}
	select {
	case <-stopped:
	case <-time.After(2 * time.Second):
		t.Fatal("the resize goroutine outlived its request")
	}
}
