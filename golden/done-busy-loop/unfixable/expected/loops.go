package unfixable

import "context"

func report(ctx context.Context, in <-chan string) Report {
	var r Report
	for {
		select {
		case <-ctx.Done():
		case line := <-in:
			r.Lines = append(r.Lines, line)
		}
	}
}

func status(ctx context.Context, in <-chan Status) (Status, error) {
	for {
		select {
		case <-ctx.Done():
		case s := <-in:
			_ = s
		}
	}
}

func first[T any](ctx context.Context, in <-chan T) T {
	for {
		select {
		case <-ctx.Done():
		case v := <-in:
			_ = v
		}
	}
}

// The other arm leaves the loop: returning from the Done arm would skip
// the flush after it.
func collect(ctx context.Context, in <-chan int, flush func([]int)) {
	var batch []int
loop:
	for {
		select {
		case <-ctx.Done():
		case v, ok := <-in:
			if !ok {
				break loop
			}
			batch = append(batch, v)
		}
	}
	flush(batch)
}
