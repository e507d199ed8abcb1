package worker

import (
	"context"
	"sync/atomic"
)

var closed = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

// stopContext ends when its parent does, or when it is stopped.
type stopContext struct {
	context.Context
	stopped atomic.Bool
}

func (s *stopContext) Done() <-chan struct{} {
	if s.stopped.Load() {
		return closed
	}
	return s.Context.Done()
}

// Stoppable returns a context for Run that stop ends early, so operators
// can halt payments without restarting the service.
func Stoppable(parent context.Context) (ctx context.Context, stop func()) {
	s := &stopContext{Context: parent}
	return s, func() { s.stopped.Store(true) }
}
