package lastuse

import "context"

type processor interface {
	Process(ctx context.Context, body string) error
}

type handler struct{ p processor }
