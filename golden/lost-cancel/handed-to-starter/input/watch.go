// Package watch starts a watcher with a context whose cancel function is
// discarded: deferring it would stop the watcher when Begin returns, so
// the fix is unsafe; Probe's context is only used in the call.
package watch

import (
	"context"
	"time"
)

// Watcher polls until its context is done.
type Watcher struct{ done <-chan struct{} }

// StartWatcher starts polling in the background.
func StartWatcher(ctx context.Context) *Watcher {
	w := &Watcher{done: ctx.Done()}
	go func() {
		<-w.done
	}()
	return w
}

// Begin starts a watcher for at most an hour.
func Begin(parent context.Context) *Watcher {
	ctx, _ := context.WithTimeout(parent, time.Hour)
	return StartWatcher(ctx)
}

func ping(ctx context.Context) error { return ctx.Err() }

// Probe pings with a second's budget.
func Probe(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, time.Second)
	return ping(ctx)
}
