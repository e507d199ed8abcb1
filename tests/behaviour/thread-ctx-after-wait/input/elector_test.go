package election

import (
	"context"
	"sync"
	"testing"
	"time"
)

// fakeLock records the holder, and fails like a store would once the
// caller's context is done.
type fakeLock struct {
	mu      sync.Mutex
	holder  string
	renewed chan struct{}
}

func (l *fakeLock) Update(ctx context.Context, holder string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	l.mu.Lock()
	l.holder = holder
	l.mu.Unlock()
	if holder != "" {
		select {
		case l.renewed <- struct{}{}:
		default:
		}
	}
	return nil
}

// Cancelling Run's context stops the renewals, and the lease is then
// released: the release is not cancelled with them.
func TestRunReleasesTheLeaseWhenItsContextIsCancelled(t *testing.T) {
	lock := &fakeLock{renewed: make(chan struct{}, 1)}
	elector := NewElector(lock, "node-a")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() {
		elector.Run(ctx)
		close(done)
	}()
	select {
	case <-lock.renewed:
	case <-time.After(2 * time.Second):
		t.Fatal("the lease was never renewed")
	}
	cancel()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not return after its context was cancelled")
	}
	lock.mu.Lock()
	defer lock.mu.Unlock()
	if lock.holder != "" {
		t.Fatalf("the lease was not released: %q still holds it", lock.holder)
	}
}
