// Package events hands events to watchers from a goroutine that runs
// until the broadcaster's context is done. As client-go's
// record.NewBroadcaster, NewBroadcaster takes that context as an option
// and falls back to context.Background() when none is given.
package events

import (
	"context"
	"sync"
)

// Option configures NewBroadcaster.
type Option func(ctx *context.Context)

// WithContext stops the broadcaster when ctx is done.
func WithContext(ctx context.Context) Option {
	return func(c *context.Context) { *c = ctx }
}

// Broadcaster hands each event to its watchers until its context is done.
type Broadcaster struct {
	done     <-chan struct{}
	incoming chan string
	stopped  chan struct{}

	mu       sync.Mutex
	watchers []func(event string)
}

// NewBroadcaster starts a broadcaster. Without WithContext it runs for
// the life of the process.
func NewBroadcaster(ctx2 context.Context, opts ...Option) *Broadcaster {
	var ctx context.Context
	for _, opt := range opts {
		opt(&ctx)
	}
	if ctx == nil {
		ctx = ctx2
	}
	b := &Broadcaster{
		done:     ctx.Done(),
		incoming: make(chan string),
		stopped:  make(chan struct{}),
	}
	go b.loop()
	return b
}

// StartWatcher hands every event from now on to watch.
func (b *Broadcaster) StartWatcher(watch func(event string)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.watchers = append(b.watchers, watch)
}

// currentWatchers returns the watchers started so far.
func (b *Broadcaster) currentWatchers() []func(event string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.watchers[:len(b.watchers):len(b.watchers)]
}

// Action broadcasts event. It reports false when the broadcaster has
// stopped.
func (b *Broadcaster) Action(event string) bool {
	select {
	case b.incoming <- event:
		return true
	case <-b.stopped:
		return false
	}
}

// loop hands events to the watchers until the broadcaster's context is
// done; an event that arrives once it is done is dropped.
func (b *Broadcaster) loop() {
	defer close(b.stopped)
	for {
		select {
		case <-b.done:
			return
		case event := <-b.incoming:
			select {
			case <-b.done:
				return
			default:
			}
			for _, watch := range b.currentWatchers() {
				watch(event)
			}
		}
	}
}

// Handle serves a request that records events. The broadcaster outlives
// the request, so it is not given the request's context.
func Handle(ctx context.Context) *Broadcaster {
	return NewBroadcaster(ctx)
}
