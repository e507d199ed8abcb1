// Package election holds a lease while it runs and gives it up when it
// stops, as a leader elector does.
package election

import (
	"context"
	"time"
)

// Lock is the lease in a shared store.
type Lock interface {
	// Update writes the lease's holder; "" gives the lease up.
	Update(ctx context.Context, holder string) error
}

// Elector renews a lease while Run runs.
type Elector struct {
	lock     Lock
	identity string
}

// NewElector holds lock under identity.
func NewElector(lock Lock, identity string) *Elector {
	return &Elector{lock: lock, identity: identity}
}

// Until runs f every period until stop is closed.
func Until(f func(), period time.Duration, stop <-chan struct{}) {
	ticker := time.NewTicker(period)
	defer ticker.Stop()
	for {
		select {
		case <-stop:
			return
		default:
		}
		f()
		select {
		case <-stop:
			return
		case <-ticker.C:
		}
	}
}

// Run renews the lease until ctx is cancelled, then releases it.
func (e *Elector) Run(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	Until(func() {
		if err := e.lock.Update(ctx, e.identity); err != nil {
			cancel()
		}
	}, time.Millisecond, ctx.Done())
	e.release(context.WithoutCancel(ctx))
}

// release gives the lease up. Run calls it once its context is
// cancelled.
func (e *Elector) release(ctx context.Context) bool {
	timeoutCtx, timeoutCancel := context.WithTimeout(ctx, time.Second)
	defer timeoutCancel()
	if err := e.lock.Update(timeoutCtx, ""); err != nil {
		return false
	}
	return true
}
