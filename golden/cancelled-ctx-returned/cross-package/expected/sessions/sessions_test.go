package sessions_test

import (
	"context"
	"testing"
	"time"

	"example.com/cross-package/sessions"
)

func TestOpen(t *testing.T) {
	var ctx, cancel = sessions.Open(context.Background(), time.Minute)
	defer cancel()
	if ctx.Err() != nil {
		t.Fatal(ctx.Err())
	}
}
