// Package audit starts a method in a goroutine with the request's
// context: the call thread-ctx adds in it passes the context detached,
// as the root it replaces was never cancelled, and request-ctx-goroutine
// detaches the goroutine's own.
package audit

import (
	"context"
	"net/http"
)

// Server records who asked for what.
type Server struct {
	store func(context.Context) error
}

// Handle answers at once and audits in the background.
func (s *Server) Handle(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	go s.audit(context.WithoutCancel(ctx))
	w.WriteHeader(http.StatusAccepted)
}

func (s *Server) audit(ctx context.Context) {
	if ctx.Value(http.LocalAddrContextKey) == nil {
		return
	}
	_ = s.save(context.WithoutCancel(ctx))
}

func (s *Server) save(ctx context.Context) error {
	return s.store(ctx)
}
