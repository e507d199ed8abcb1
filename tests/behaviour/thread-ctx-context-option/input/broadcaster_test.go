package events

import (
	"context"
	"testing"
	"time"
)

// The request that made the broadcaster ends; the broadcaster goes on
// delivering events.
func TestTheBroadcasterOutlivesTheRequest(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	b := Handle(ctx)
	got := make(chan string, 1)
	b.StartWatcher(func(event string) { got <- event })
	cancel()

	if !b.Action("created") {
		t.Fatal("the broadcaster stopped with the request: it refused the event")
	}
	select {
	case event := <-got:
		if event != "created" {
			t.Fatalf("the watcher got %q", event)
		}
	case <-b.stopped:
		t.Fatal("the broadcaster stopped with the request: it dropped the event")
	case <-time.After(2 * time.Second):
		t.Fatal("the event was not delivered within two seconds")
	}
}
