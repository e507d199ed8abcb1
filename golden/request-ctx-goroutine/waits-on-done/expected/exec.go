// Package exec runs a command for a client and forwards the client's
// terminal resizes to it.
package exec

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

// TerminalSize is one resize event.
type TerminalSize struct {
	Width  uint16
	Height uint16
}

// resizeStopped runs when a resize goroutine ends (tests watch it).
var resizeStopped = func() {}

// errNoCommand is what starting the command fails with here.
var errNoCommand = errors.New("no command to run")

// Handle reads the client's resize events and starts the command, which
// would read them from the channel. When the command cannot start,
// nobody ever reads the channel: the goroutine must give up with the
// request.
func Handle(w http.ResponseWriter, r *http.Request) {
	events, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	resize := make(chan TerminalSize)
	go handleResizeEvents(r.Context(), bytes.NewReader(events), resize)
	if err := start(resize); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// start would run the command with its resize events; it fails.
func start(resize <-chan TerminalSize) error {
	return errNoCommand
}

// handleResizeEvents decodes the events from stream and sends them on
// channel until stream ends or the request is done.
func handleResizeEvents(ctx context.Context, stream io.Reader, channel chan<- TerminalSize) {
	defer resizeStopped()
	defer close(channel)

	decoder := json.NewDecoder(stream)
	for {
		size := TerminalSize{}
		if err := decoder.Decode(&size); err != nil {
			return
		}
		select {
		case channel <- size:
		case <-ctx.Done():
			// Nothing reads the events (the command did not start):
			// give up when the request ends rather than leak.
			return
		}
	}
}
