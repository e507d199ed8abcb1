package manager

import (
	"context"
	"testing"
	"time"
)

// The final check runs after Watch's context is cancelled: it must not
// be cancelled with it.
func TestWatchChecksOnceMoreAfterItsContextIsCancelled(t *testing.T) {
	tick := make(chan struct{})
	m := NewManager(tick)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() {
		m.Watch(ctx)
		close(done)
	}()
	tick <- struct{}{}
	cancel()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Watch did not return after its context was cancelled")
	}
	if m.final != "reachable" {
		t.Fatalf("the final health check saw a cancelled context: %q", m.final)
	}
}
