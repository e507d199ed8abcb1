package client

import (
	"context"
	"net/http"
)

type key struct{}

// Request builds a request, forgetting the caller's context.
func Request(ctx context.Context) (*http.Request, error) {
	return http.NewRequestWithContext(nil, http.MethodGet, "/", nil)
}

// Tagged derives from a nil parent instead of the caller's context.
func Tagged(ctx context.Context) context.Context {
	return context.WithValue(nil, key{}, "v")
}

// Kept passes nil on purpose: the test of the error path needs it.
func Kept() error {
	//lint:ignore SA1012 the error path is what this exercises
	_, err := http.NewRequestWithContext(nil, http.MethodGet, "/", nil)
	return err
}
