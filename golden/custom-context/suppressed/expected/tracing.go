package tracing

import (
	"context"
	"sync"
)

// lockedCtx keeps its flag under the same lock as its channel.
type lockedCtx struct {
	context.Context
	mu   sync.Mutex
	done chan struct{}
}

//ctxmod:ignore custom-context -- done is closed under mu, as Err reads it
func (c *lockedCtx) Done() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.done
}
