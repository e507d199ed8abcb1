package session

import (
	"context"
	"time"
)

type holder struct{ ctx context.Context }

var global context.Context

// openSession returns the context: deferring cancel would kill it.
func openSession(parent context.Context) context.Context {
	ctx, _ := context.WithTimeout(parent, 30*time.Second)
	return ctx
}

func stored(parent context.Context) *holder {
	ctx, _ := context.WithCancel(parent)
	return &holder{ctx: ctx}
}

func published(parent context.Context, out chan<- context.Context) {
	ctx, _ := context.WithCancel(parent)
	out <- ctx
}

func background(parent context.Context, work func(context.Context)) {
	ctx, _ := context.WithCancel(parent)
	go work(ctx)
}

func assigned(parent context.Context) {
	ctx, _ := context.WithDeadline(parent, time.Now().Add(time.Minute))
	global = ctx
}

func reassigned(parent context.Context) {
	ctx := parent
	ctx, _ = context.WithTimeout(ctx, time.Second)
	_ = ctx.Err()
}
