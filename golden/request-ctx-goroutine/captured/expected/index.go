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
	bgCtx := context.WithoutCancel(ctx)
	go func() {
		// Runs after the response: the request's context is done by then.
		if err := s.index(bgCtx, doc); err != nil {
			_ = err
		}
	}()
	w.WriteHeader(http.StatusAccepted)
}

// Touch reads r.Context() inside the goroutine.
func (s *Server) Touch(w http.ResponseWriter, r *http.Request) {
	ctx := context.WithoutCancel(r.Context())
	go func(doc string) {
		_ = s.index(ctx, doc)
	}(r.FormValue("doc"))
	w.WriteHeader(http.StatusAccepted)
}
