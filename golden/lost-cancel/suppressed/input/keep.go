package keep

import "context"

func detached(parent context.Context) context.Context {
	//ctxmod:ignore lost-cancel -- the caller's shutdown hook cancels the parent
	ctx, _ := context.WithCancel(parent)
	_ = ctx.Err()
	ctx2, _ := context.WithCancel(parent) //ctxmod:ignore CTX005
	return ctx2
}
