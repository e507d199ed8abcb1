package audit

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// The write outlives the request: it must keep the request's values and
// not be cancelled with it.
func TestBackgroundWritesOutliveTheRequest(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/handed", Handed)
	mux.HandleFunc("/captured", Captured)
	srv := httptest.NewServer(WithUser(mux))
	defer srv.Close()
	for _, path := range []string{"/handed", "/captured"} {
		resp, err := http.Get(srv.URL + path + "?user=u1")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		got := <-Outcomes
		if got.Err != nil {
			t.Errorf("%s: the background write saw %v", path, got.Err)
		}
		if got.User != "u1" {
			t.Errorf("%s: the background write saw user %q, want u1", path, got.User)
		}
	}
}
