package suppressed

import "context"

func drain(ctx context.Context, in <-chan int) {
	for {
		select {
		//ctxmod:ignore done-busy-loop -- a supervisor restarts this goroutine
		case <-ctx.Done():
		case <-in:
		}
	}
}

func drainToo(ctx context.Context, in <-chan int) {
	for {
		select {
		case <-ctx.Done(): //ctxmod:ignore CTX006
		case <-in:
		}
	}
}
