package tracing

import (
	"context"
	"errors"
)

// valueCtx embeds a context and adds only a value: nothing to report.
type valueCtx struct {
	context.Context
	user string
}

// Value answers for one key and forwards the rest.
func (c valueCtx) Value(k any) any {
	if k == "user" {
		return c.user
	}
	return c.Context.Value(k)
}

// Err forwards.
func (c valueCtx) Err() error { return c.Context.Err() }

// job is not a context: its Done and Err are its own business.
type job struct {
	done chan struct{}
	err  error
}

// Done reports when the job ends.
func (j *job) Done() <-chan struct{} { return j.done }

// Err reports how it ended.
func (j *job) Err() error { return errors.Join(j.err) }
