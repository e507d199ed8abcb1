package suppressed

import "context"

// Expired returns a context that is already cancelled, on purpose.
func Expired(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	//ctxmod:ignore CTX010 -- tests want a context that is already done
	defer cancel()
	return ctx
}

func use(parent context.Context) error { return Expired(parent).Err() }
