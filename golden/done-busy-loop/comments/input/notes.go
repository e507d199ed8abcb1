package comments

import "context"

func empty(ctx context.Context, in <-chan int) {
	for {
		select {
		case <-ctx.Done():
			// First note about the arm.
			// Second note.
		// This note is about the next case.
		case v := <-in:
			_ = v
		}
	}
}

func trailing(ctx context.Context, in <-chan int) {
	for {
		select {
		case <-ctx.Done(): // the caller gave up
		case v := <-in:
			_ = v
		}
	}
}

func afterStatements(ctx context.Context, in <-chan int, note func(string)) {
	for {
		select {
		case v := <-in:
			_ = v
		case <-ctx.Done():
			note("done") // said goodbye
			// nothing else to do
		}
	}
}
