package wait

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

func fetch(ctx context.Context, url string) error { return ctx.Err() }

// All fetches every URL and waits for all of them.
func All(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var wg sync.WaitGroup
	for _, url := range strings.Split(r.FormValue("urls"), ",") {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = fetch(ctx, url)
		}()
	}
	wg.Wait()
	w.WriteHeader(http.StatusOK)
}

// First waits on a channel for the goroutine's result.
func First(w http.ResponseWriter, r *http.Request) {
	done := make(chan error, 1)
	go func() { done <- fetch(r.Context(), "a") }()
	if err := <-done; err != nil {
		w.WriteHeader(http.StatusBadGateway)
	}
}

// Bounded hands the goroutine a context with a cancellation of its own.
func Bounded(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), time.Minute)
	go func() {
		defer cancel()
		_ = fetch(ctx, "b")
	}()
	w.WriteHeader(http.StatusAccepted)
}

// Parts streams parts a goroutine writes into a pipe: the handler reads
// them, and closing the reader when it returns stops the writer, which
// should stop fetching once the request is gone.
func Parts(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	pr, pw := io.Pipe()
	defer pr.Close()
	go func() {
		for _, url := range strings.Split(r.FormValue("urls"), ",") {
			if err := fetch(ctx, url); err != nil {
				pw.CloseWithError(err)
				return
			}
			if _, err := io.WriteString(pw, url+"\n"); err != nil {
				return
			}
		}
		pw.Close()
	}()
	_, _ = io.Copy(w, pr)
}
