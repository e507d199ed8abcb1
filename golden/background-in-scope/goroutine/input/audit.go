package audit

import (
	"context"
	"log"
	"net/http"
)

type Event struct{ Name string }

type Sink interface {
	Write(ctx context.Context, e Event) error
}

var sink Sink

// record starts work that must outlive the request: it stays uncancelled,
// but now keeps the request's values.
func record(ctx context.Context, e Event) {
	go func() {
		if err := sink.Write(context.Background(), e); err != nil {
			log.Printf("audit: %v", err)
		}
	}()
	go write(context.TODO(), e)
}

func write(ctx context.Context, e Event) {
	_ = sink.Write(ctx, e)
}

// already detached: the detached local is used as is.
func detached(ctx context.Context, e Event) {
	bg := context.WithoutCancel(ctx)
	go func() {
		_ = sink.Write(context.Background(), e)
		_ = bg
	}()
}

func handle(w http.ResponseWriter, r *http.Request) {
	go write(context.Background(), Event{Name: r.URL.Path})
}
