package old

import "context"

func work(ctx context.Context) { _ = ctx }

// Go 1.20 has no context.WithoutCancel: the goroutine case is only reported.
func start(ctx context.Context) {
	go work(context.Background())
	work(context.TODO())
}

// self re-roots its own variable: not a lost context, not a finding.
func self(ctx context.Context) {
	ctx = context.TODO()
	work(ctx)
}
