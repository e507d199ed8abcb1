package suppressed

import (
	"context"
	"errors"
)

func waitQuiet(ctx context.Context, done <-chan struct{}) error {
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		//ctxmod:ignore done-err -- the message is matched by an old client
		return errors.New("timeout")
	}
}

func waitQuietToo(ctx context.Context) error {
	<-ctx.Done()
	return errors.New("stopped") //ctxmod:ignore CTX007
}
