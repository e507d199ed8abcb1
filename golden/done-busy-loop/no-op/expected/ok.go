package noop

import (
	"context"
	"log"
	"os"
)

func returns(ctx context.Context, in <-chan int) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case v := <-in:
			_ = v
		}
	}
}

// The arm clears the condition: the loop ends on its own.
func condition(ctx context.Context, in <-chan int) {
	running := true
	for running {
		select {
		case <-ctx.Done():
			running = false
		case v := <-in:
			_ = v
		}
	}
}

func rangeLoop(ctx context.Context, ticks []int, in <-chan int) {
	for range ticks {
		select {
		case <-ctx.Done():
		case <-in:
		}
	}
}

func labelledBreak(ctx context.Context, in <-chan int) int {
	n := 0
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case <-in:
			n++
		}
	}
	return n
}

func exits(ctx context.Context, in <-chan int) {
	for {
		select {
		case <-ctx.Done():
			if ctx.Err() == context.DeadlineExceeded {
				log.Fatal("deadline exceeded")
			}
			os.Exit(1)
		case <-in:
		}
	}
}

func panics(ctx context.Context, in <-chan int) {
	for {
		select {
		case <-ctx.Done():
			panic("cancelled")
		case <-in:
		}
	}
}

// The arm waits on a new context from then on.
func renewed(ctx context.Context, renew <-chan context.Context) {
	for {
		select {
		case <-ctx.Done():
			ctx = <-renew
		case <-renew:
		}
	}
}

// The loop checks the context after the select.
func checkedAfter(ctx context.Context, in <-chan int) error {
	for {
		select {
		case <-ctx.Done():
		case <-in:
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// Not in a loop: the select runs once.
func once(ctx context.Context, in <-chan int) {
	select {
	case <-ctx.Done():
	case <-in:
	}
}

// The return in the closure does not leave the loop, but the arm's own
// goto does.
func viaGoto(ctx context.Context, in <-chan int) {
	for {
		select {
		case <-ctx.Done():
			cleanup := func() { return }
			cleanup()
			goto done
		case <-in:
		}
	}
done:
}
