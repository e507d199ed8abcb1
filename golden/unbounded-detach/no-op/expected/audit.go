package audit

import (
	"context"
	"log"
	"time"
)

// Event is one audit record.
type Event struct{ Name string }

// Sink stores audit records.
type Sink interface {
	Write(ctx context.Context, e Event) error
}

var auditSink Sink

type key struct{}

// bounded already derives a deadline in the goroutine.
func bounded(ctx context.Context, event Event) {
	bgCtx := context.WithoutCancel(ctx)
	go func() {
		c, cancel := context.WithTimeout(bgCtx, 5*time.Second)
		defer cancel()
		_ = auditSink.Write(c, event)
	}()
}

// valuesOnly reads values from the detached context and does no I/O with
// it.
func valuesOnly(ctx context.Context, event Event) {
	bgCtx := context.WithoutCancel(ctx)
	go func() {
		log.Print(bgCtx.Value(key{}), event.Name)
	}()
}

// notInGoroutine uses the detached context in the function itself.
func notInGoroutine(ctx context.Context, event Event) error {
	bgCtx := context.WithoutCancel(ctx)
	return auditSink.Write(bgCtx, event)
}

// boundedBefore re-bounds before the goroutine starts.
func boundedBefore(ctx context.Context, event Event) {
	bgCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	go func() {
		defer cancel()
		_ = auditSink.Write(bgCtx, event)
	}()
}

// calledDirectly starts a named function: the bound belongs inside it.
func calledDirectly(ctx context.Context, event Event) {
	go write(context.WithoutCancel(ctx), event)
}

func write(ctx context.Context, e Event) {
	_ = auditSink.Write(ctx, e)
}

// cancellable hands the goroutine a context the caller can cancel.
func cancellable(ctx context.Context, event Event) {
	go func() {
		_ = auditSink.Write(ctx, event)
	}()
}
