package queue

import (
	"context"
	"errors"
)

// Store keeps the jobs it is given.
type Store struct {
	saved []string
}

// Save stores a job unless ctx is done.
func (s *Store) Save(ctx context.Context, job string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.saved = append(s.saved, job)
	return nil
}

// Worker saves jobs under its name.
type Worker struct {
	store *Store
	// ctx bounds every save.
	ctx  context.Context
	name string
}

// NewWorker makes a worker that saves under name.
func NewWorker(ctx context.Context, name string) *Worker {
	w := &Worker{store: &Store{}, name: name}
	w.ctx = ctx
	return w
}

// Do saves one job.
func (w *Worker) Do(job string) error {
	if job == "" {
		return errors.New("empty job")
	}
	return w.store.Save(w.ctx, w.name+":"+job)
}

// Flush saves a marker; it already takes the caller's context.
func (w *Worker) Flush(ctx context.Context) error {
	return w.store.Save(w.ctx, w.name+":flush")
}

// Name needs no context.
func (w *Worker) Name() string { return w.name }
