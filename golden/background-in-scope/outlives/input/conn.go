package outlives

import (
	"context"
	"time"
)

type key struct{}

type Conn struct {
	ctx    context.Context
	cancel context.CancelFunc
}

type holder struct{ ctx context.Context }

func work(ctx context.Context) { _ = ctx }

// Dial's connection lives on after the dial context is gone: its own
// context must not follow the caller's cancellation.
func Dial(ctx context.Context) *Conn {
	c := &Conn{}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	work(ctx)
	return c
}

// Defaults and comparisons are not lost contexts.
func Start(ctx context.Context) {
	if ctx == nil {
		ctx = context.Background()
	}
	if ctx != context.TODO() {
		work(ctx)
	}
}

// A context that is returned, or handed to a goroutine that outlives the
// call, keeps its own root.
func session(ctx context.Context) context.Context {
	work(ctx)
	s := context.WithValue(context.Background(), key{}, 1)
	return s
}

func flush(ctx context.Context) {
	work(ctx)
	bg, cancel := context.WithTimeout(context.Background(), time.Second)
	go func() {
		defer cancel()
		work(bg)
	}()
}

func wrap(ctx context.Context) *holder {
	work(ctx)
	return &holder{ctx: context.Background()}
}
