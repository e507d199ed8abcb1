package ginbg

import (
	"context"
	"log"
)

// Event is one audit record.
type Event struct{ Name string }

// record writes with a context of its own: background-in-scope hands it
// the detached local, which unbounded-detach then bounds.
func record(ctx context.Context, s Service, e Event) {
	bg := context.WithoutCancel(ctx)
	go func() {
		if err := s.Notify(context.Background(), e.Name); err != nil {
			log.Printf("audit: %v", err)
		}
		_ = bg
	}()
}
