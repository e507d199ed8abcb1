package api

import "context"

// detachContext is something else here.
func detachContext(ctx context.Context) context.Context { return ctx }
