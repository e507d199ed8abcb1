package escaping

import (
	"context"
	"errors"
)

// Server hands its context out: the field outlives every call.
type Server struct {
	ctx context.Context
}

// NewServer makes a server living as long as ctx.
func NewServer(ctx context.Context) *Server {
	return &Server{ctx: ctx}
}

// Context returns the server's context.
func (s *Server) Context() context.Context {
	return s.ctx
}

// Loop stops its goroutine when its context is done.
type Loop struct {
	ctx   context.Context
	ticks chan int
}

// NewLoop makes a loop that runs until ctx is done.
func NewLoop(ctx context.Context) *Loop {
	return &Loop{ctx: ctx, ticks: make(chan int)}
}

// Start runs the loop in a goroutine.
func (l *Loop) Start() {
	go func() {
		for {
			select {
			case <-l.ctx.Done():
				return
			case <-l.ticks:
			}
		}
	}()
}

// Job is read outside its methods.
type Job struct {
	ctx  context.Context
	name string
}

// NewJob makes a job.
func NewJob(ctx context.Context, name string) *Job {
	return &Job{ctx: ctx, name: name}
}

// Check reads the job's context from outside the job.
func Check(j *Job) error {
	if j.name == "" {
		return errors.New("no name")
	}
	return j.ctx.Err()
}

// Task is set positionally.
type Task struct {
	ctx context.Context
	id  int
}

// NewTask makes a task.
func NewTask(ctx context.Context, id int) Task {
	return Task{ctx, id}
}

// Err says whether the task's context is done.
func (t Task) Err() error {
	return t.ctx.Err()
}

// Pipe makes its context and cancel function together.
type Pipe struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// Open opens the pipe.
func (p *Pipe) Open(parent context.Context) {
	p.ctx, p.cancel = context.WithCancel(parent)
}

// Close closes the pipe.
func (p *Pipe) Close() error {
	p.cancel()
	return p.ctx.Err()
}

// Poller is started in a goroutine: its context is what stops it.
type Poller struct {
	ctx context.Context
}

// Poll waits until the poller's context is done.
func (p *Poller) Poll() {
	<-p.ctx.Done()
}

// StartPoller starts a poller that runs until ctx is done.
func StartPoller(ctx context.Context) {
	p := &Poller{ctx: ctx}
	go p.Poll()
}
