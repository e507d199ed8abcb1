// Package server stops its listeners with fresh contexts on purpose: a
// shutdown runs while the contexts around it end, so neither
// background-in-scope nor thread-ctx touches a Background() there.
package server

import (
	"context"
	"net/http"
	"time"
)

// Server serves HTTP.
type Server struct {
	srv   *http.Server
	flush func(context.Context) error
}

// Shutdown stops the server; the final flush gets its own five seconds
// whatever ctx has left.
func (s *Server) Shutdown(ctx context.Context) error {
	if err := s.srv.Shutdown(ctx); err != nil {
		return err
	}
	flushCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.flush(flushCtx)
}

// stopAdmin closes the admin server, whoever asks.
func stopAdmin(srv *http.Server) error {
	return srv.Shutdown(context.Background())
}

// HandleStop stops the admin server on request.
func HandleStop(w http.ResponseWriter, r *http.Request, admin *http.Server) {
	if err := stopAdmin(admin); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
