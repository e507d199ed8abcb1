// Package manager watches a server's health while it runs.
package manager

import (
	"context"
	"time"
)

// Manager checks a server on every tick, and once more when it stops.
type Manager struct {
	tick  chan struct{}
	last  string
	final string
}

// NewManager returns a manager checking on every value sent on tick.
func NewManager(tick chan struct{}) *Manager {
	return &Manager{tick: tick}
}

// Watch checks the server on every tick until ctx is done, then checks it
// a last time for the shutdown report. That last check runs because ctx
// is done, so it cannot use ctx.
func (m *Manager) Watch(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			hctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			m.final = m.check(hctx)
			return
		case <-m.tick:
			m.last = m.check(ctx)
		}
	}
}

// check stands for a health request: it fails once ctx is done.
func (m *Manager) check(ctx context.Context) string {
	if ctx.Err() != nil {
		return "unreachable"
	}
	return "reachable"
}
