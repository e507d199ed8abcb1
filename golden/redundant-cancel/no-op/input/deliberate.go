package deliberate

import (
	"context"
	"errors"
	"sync"
)

func work(ctx context.Context) error { return ctx.Err() }

// Watch cancels from a goroutine: another function than the defer's.
func Watch(parent context.Context, stop <-chan struct{}) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go func() {
		<-stop
		cancel()
	}()
	return work(ctx)
}

// OnError cancels from a callback, early, on purpose.
func OnError(parent context.Context, run func(context.Context, func()) error) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	return run(ctx, func() {
		cancel()
	})
}

// Commented says why the early cancel matters.
func Commented(parent context.Context, cleanup func()) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	if err := work(ctx); err != nil {
		// Release the parent's child slot before the slow cleanup.
		cancel()
		cleanup()
		return err
	}
	if err := work(ctx); err != nil {
		cancel() // free the slot now: the caller retries right away
		return err
	}
	return nil
}

// Redeclared cancels a second context that no defer covers.
func Redeclared(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	if err := work(ctx); err != nil {
		return err
	}
	ctx, cancel = context.WithCancel(parent)
	if err := work(ctx); err != nil {
		cancel()
		return err
	}
	cancel()
	return nil
}

// Cause records why the context ended.
func Cause(parent context.Context) error {
	ctx, cancel := context.WithCancelCause(parent)
	defer cancel(nil)
	if err := work(ctx); err != nil {
		cancel(err)
		return err
	}
	return nil
}

// Sibling defers in one branch and cancels in the other.
func Sibling(parent context.Context, keep bool) error {
	ctx, cancel := context.WithCancel(parent)
	if keep {
		defer cancel()
	} else {
		cancel()
		return errors.New("not kept")
	}
	return work(ctx)
}

// Workers cancels to stop the workers, then waits for them.
func Workers(parent context.Context, n int) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-ctx.Done()
		}()
	}
	cancel()
	wg.Wait()
}

// Reported returns the error the early cancel produces.
func Reported(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	cancel()
	return ctx.Err()
}

// Waited registers a later defer that waits for the early cancel.
func Waited(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	done := make(chan struct{})
	go func() {
		<-ctx.Done()
		close(done)
	}()
	defer func() { <-done }()
	cancel()
}

// Loop replaces the cancel func later in the loop body: on the next
// iteration the explicit call cancels the new context, not the deferred one.
func Loop(parent context.Context, tries int) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	for i := 0; ; i++ {
		if i == tries {
			cancel()
			return errors.New("gave up")
		}
		if work(ctx) == nil {
			cancel()
			return nil
		}
		cancel()
		ctx, cancel = context.WithCancel(parent)
	}
}

// release is not a context's cancel function: calling it twice may not be
// harmless, so it is not this rule's business.
func Release(acquire func() func()) error {
	release := acquire()
	defer release()
	if work(context.Background()) != nil {
		release()
		return errors.New("failed")
	}
	return nil
}
