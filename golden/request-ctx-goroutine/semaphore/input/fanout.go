package fanout

import (
	"context"
	"log"
	"net/http"
	"strings"
)

type Server struct {
	sem chan struct{}
}

func (s *Server) fetch(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Warm fetches every URL in the background, four at a time, and answers
// without waiting.
func (s *Server) Warm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	urls := strings.Split(r.FormValue("urls"), ",")
	sem := make(chan struct{}, 4)
	for _, url := range urls {
		sem <- struct{}{}
		go func(url string) {
			defer func() { <-sem }()
			if err := s.fetch(ctx, url); err != nil {
				log.Printf("warm %s: %v", url, err)
			}
		}(url)
	}
	w.WriteHeader(http.StatusAccepted)
}
