package tracing

import (
	"context"
	"sync/atomic"
	"time"
)

// tracingCtx is the seed's Bug 12: it records that it was cancelled in a
// flag beside the embedded context.
type tracingCtx struct {
	context.Context
	cancelled atomic.Bool
	deadline  time.Time
}

var closedchan = make(chan struct{})

func init() { close(closedchan) }

// Done races with cancel: the flag and the channel change apart.
func (c *tracingCtx) Done() <-chan struct{} {
	if c.cancelled.Load() {
		return closedchan
	}
	return c.Context.Done()
}

// Err forwards: not reported.
func (c *tracingCtx) Err() error { return c.Context.Err() }

// Deadline reports a deadline of its own.
func (c *tracingCtx) Deadline() (time.Time, bool) {
	return c.deadline, !c.deadline.IsZero()
}

// Value forwards; Value carries no cancellation.
func (c *tracingCtx) Value(k any) any { return c.Context.Value(k) }

// generic embeds a context too, behind a type parameter.
type generic[T any] struct {
	context.Context
	v T
}

// Err reports its own error.
func (g generic[T]) Err() error {
	if g.Context.Err() != nil {
		return context.Canceled
	}
	return nil
}
