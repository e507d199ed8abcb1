package audit

import (
	"context"
	"log"
	"time"
)

// Event is one audit record.
type Event struct {
	Name string
	At   time.Time
}

// Sink stores audit records.
type Sink interface {
	Write(ctx context.Context, e Event) error
}

var auditSink Sink

// writeAuditLog is bounded by the configured timeout, written with the
// time package already imported.
func writeAuditLog(ctx context.Context, event Event) {
	bgCtx := context.WithoutCancel(ctx)
	go func() {
		if err := auditSink.Write(bgCtx, event); err != nil {
			log.Printf("audit: %v", err)
		}
	}()
}
