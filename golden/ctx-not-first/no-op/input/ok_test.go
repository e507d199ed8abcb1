package noop

import (
	"context"
	"testing"
)

// fetchOK takes the test first, by convention, and the context after it.
func fetchOK(t testing.TB, ctx context.Context) {
	t.Helper()
	if err := Fetch(ctx, "1"); err != nil {
		t.Fatal(err)
	}
}

func TestFetch(t *testing.T) {
	fetchOK(t, context.Background())
}
