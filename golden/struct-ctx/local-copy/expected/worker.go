// Package worker hands out jobs.
package worker

import "context"

// Worker hands out jobs until its context ends.
type Worker struct {
	jobs chan string
}

// New returns a worker.
func New(ctx context.Context) *Worker {
	return &Worker{jobs: make(chan string)}
}

// Next waits for a job or for the context to end.
func (w *Worker) Next(ctx context.Context) (string, error) {
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
		j, err := w.Next(ctx)
		if err != nil {
			return out
		}
		out = append(out, j)
	}
}
