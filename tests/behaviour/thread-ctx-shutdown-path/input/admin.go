// Package admin serves an admin API whose stop endpoint answers, then
// cleans up and exits, as caddy's does.
package admin

import (
	"context"
	"log"
	"net/http"
	"time"
)

// cleanup releases what the process holds before it exits. It gives up
// when ctx is done.
var cleanup = func(ctx context.Context) error {
	return ctx.Err()
}

// Handler serves the admin API.
func Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/stop", handleStop)
	return mux
}

// handleStop answers a stop request, then exits.
func handleStop(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.WriteHeader(http.StatusOK)
	exitProcess()
}

// exitProcess cleans up before the process exits. The cleanup gets a
// second of its own: it runs while the request that asked for it ends.
func exitProcess() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := cleanup(ctx); err != nil {
		log.Printf("cleanup before exit: %v", err)
	}
}
