package transport

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

var errShutDown = errors.New("the client was shut down")

// answer is the round tripper underneath: it answers every request.
type answer struct{ calls int }

func (a *answer) RoundTrip(req *http.Request) (*http.Response, error) {
	a.calls++
	return &http.Response{StatusCode: http.StatusOK, Request: req}, nil
}

// The canceller follows the context it was made with, whatever the
// request's own context.
func TestContextCancellerFollowsTheClientsContext(t *testing.T) {
	closed, cancel := context.WithCancel(context.Background())
	cancel()
	rt := &answer{}
	resp, err := ContextCanceller(closed, errShutDown)(rt).RoundTrip(httptest.NewRequest(http.MethodGet, "http://example.com/", nil))
	if !errors.Is(err, errShutDown) {
		t.Fatalf("a closed context should return the known error, got %v (%d calls below)", err, rt.calls)
	}
	if resp != nil || rt.calls != 0 {
		t.Fatalf("a closed context let the request through: %v, %d calls below", resp, rt.calls)
	}

	open, stop := context.WithCancel(context.Background())
	defer stop()
	resp, err = ContextCanceller(open, errShutDown)(rt).RoundTrip(httptest.NewRequest(http.MethodGet, "http://example.com/", nil))
	if err != nil || resp.StatusCode != http.StatusOK || rt.calls != 1 {
		t.Fatalf("an open context should hand the request on, got %v, %v, %d calls below", resp, err, rt.calls)
	}
}
