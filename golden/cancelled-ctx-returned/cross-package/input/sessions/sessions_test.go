package sessions_test

import (
	"context"
	"testing"
	"time"

	"example.com/cross-package/sessions"
)

func TestOpen(t *testing.T) {
	var ctx = sessions.Open(context.Background(), time.Minute)
	if ctx.Err() != nil {
		t.Fatal(ctx.Err())
	}
}
