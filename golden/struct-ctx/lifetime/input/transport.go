// Package transport wraps HTTP round trippers.
package transport

import (
	"context"
	"net/http"
)

// ContextCanceller stops new requests once ctx is done: they fail with
// err, an error that says why the client was shut down. ctx lives as long
// as the client, not as one request.
func ContextCanceller(ctx context.Context, err error) func(http.RoundTripper) http.RoundTripper {
	return func(rt http.RoundTripper) http.RoundTripper {
		return &contextCanceller{
			ctx: ctx,
			rt:  rt,
			err: err,
		}
	}
}

type contextCanceller struct {
	ctx context.Context
	rt  http.RoundTripper
	err error
}

func (b *contextCanceller) RoundTrip(req *http.Request) (*http.Response, error) {
	select {
	case <-b.ctx.Done():
		return nil, b.err
	default:
		return b.rt.RoundTrip(req)
	}
}
