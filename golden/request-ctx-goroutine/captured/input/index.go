package index

import (
	"context"
	"net/http"
)

type key struct{}

type Server struct{}

func (s *Server) index(ctx context.Context, doc string) error { return ctx.Err() }

// Put indexes the document after answering.
func (s *Server) Put(w http.ResponseWriter, r *http.Request) {
	ctx := context.WithValue(r.Context(), key{}, "put")
	doc := r.FormValue("doc")
	go func() {
		// Runs after the response: the request's context is done by then.
		if err := s.index(ctx, doc); err != nil {
			_ = err
		}
	}()
	w.WriteHeader(http.StatusAccepted)
}

// Touch reads r.Context() inside the goroutine.
func (s *Server) Touch(w http.ResponseWriter, r *http.Request) {
	go func(doc string) {
		_ = s.index(r.Context(), doc)
	}(r.FormValue("doc"))
	w.WriteHeader(http.StatusAccepted)
}
