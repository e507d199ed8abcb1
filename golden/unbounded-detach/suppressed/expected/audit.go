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

func writeAuditLog(ctx context.Context, event Event) {
	bgCtx := context.WithoutCancel(ctx)
	go func() {
		//ctxmod:ignore unbounded-detach -- the sink has its own write deadline
		if err := auditSink.Write(bgCtx, event); err != nil {
			log.Printf("audit: %v", err)
		}
	}()
}
