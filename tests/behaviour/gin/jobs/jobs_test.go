package jobs

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
)

func server() *httptest.Server {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(func(c *gin.Context) { c.Set("user_id", c.Query("user")) })
	r.GET("/copied", Copied)
	r.GET("/captured", Captured)
	r.GET("/whole", Whole)
	return httptest.NewServer(r)
}

func get(t *testing.T, url string) {
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

// The job outlives the request: it must keep the request's values and
// not be cancelled with it.
func TestBackgroundJobsOutliveTheRequest(t *testing.T) {
	srv := server()
	defer srv.Close()
	for _, path := range []string{"/copied", "/captured", "/whole"} {
		get(t, srv.URL+path+"?user=u1")
		// A second request may reuse the first one's pooled context.
		get(t, srv.URL+"/none?user=u2")
		got := <-Outcomes
		if got.Err != nil {
			t.Errorf("%s: the background job saw %v", path, got.Err)
		}
		if got.UserID != "u1" {
			t.Errorf("%s: the background job saw user %q, want u1", path, got.UserID)
		}
	}
}
