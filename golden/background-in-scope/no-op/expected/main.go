package main

import (
	"context"
	"fmt"
)

func main() {
	ctx := context.Background()
	run(ctx)
	func() {
		fmt.Println(context.TODO())
	}()
}

func init() {
	_ = context.Background()
}

func run(ctx context.Context) {
	// Deliberately detached already.
	go work(context.WithoutCancel(context.Background()))
	fmt.Println(ctx.Err())
}

func work(ctx context.Context) { _ = ctx }

// noContext has no context in scope: thread-ctx's job, not this rule's.
func noContext() {
	work(context.TODO())
}

// laterContext declares its context only after the call.
func laterContext() {
	work(context.Background())
	ctx := context.TODO()
	work(ctx)
}
