package worker

import "context"

// Job is one unit of work.
type Job struct{ ID int }

func process(j Job) {}

func worker(ctx context.Context, jobs <-chan Job) {
	for {
		select {
		case <-ctx.Done():
			// the caller gave up: stop taking jobs
			return
		case j := <-jobs:
			process(j)
		}
	}
}
