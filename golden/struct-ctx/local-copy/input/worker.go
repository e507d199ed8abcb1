// Package worker hands out jobs.
package worker

import "context"

// Worker hands out jobs until its context ends.
type Worker struct {
	ctx  context.Context
	jobs chan string
}

// New returns a worker.
func New(ctx context.Context) *Worker {
	return &Worker{ctx: ctx, jobs: make(chan string)}
}

// Next waits for a job or for the context to end.
func (w *Worker) Next() (string, error) {
	ctx := w.ctx
	select {
	case j := <-w.jobs:
		return j, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// Drain takes jobs until there are none left in time.
func (w *Worker) Drain(ctx context.Context) []string {
	var out []string
	for {
		j, err := w.Next()
		if err != nil {
			return out
		}
		out = append(out, j)
	}
}
