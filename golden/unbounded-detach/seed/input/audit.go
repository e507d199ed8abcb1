package audit

import (
	"context"
	"log"
)

// Event is one audit record.
type Event struct{ Name string }

// Sink stores audit records.
type Sink interface {
	Write(ctx context.Context, e Event) error
}

var auditSink Sink

// writeAuditLog is the seed's Bug 14: the write outlives the request, and
// nothing bounds it.
func writeAuditLog(ctx context.Context, event Event) {
	bgCtx := context.WithoutCancel(ctx)
	go func() {
		// bgCtx never times out: a slow sink holds this goroutine forever.
		if err := auditSink.Write(bgCtx, event); err != nil {
			log.Printf("audit: %v", err)
		}
	}()
}

// oneLine starts the goroutine on one line.
func oneLine(ctx context.Context, event Event) {
	var bg = context.WithoutCancel(ctx)
	go func() { _ = auditSink.Write(bg, event) }()
}

// inside detaches in the goroutine itself, which already uses `cancel`.
func inside(ctx context.Context, event Event, cancel func()) {
	defer cancel()
	go func() {
		detached := context.WithoutCancel(ctx)
		log.Print("writing")
		_ = auditSink.Write(detached, event)
	}()
}
