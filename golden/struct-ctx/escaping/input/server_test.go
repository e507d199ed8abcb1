package escaping

import (
	"context"
	"testing"
)

func TestAll(t *testing.T) {
	ctx := context.Background()
	s := NewServer(ctx)
	if s.Context() != ctx {
		t.Fatal("not the server's context")
	}
	NewLoop(ctx).Start()
	if err := Check(NewJob(ctx, "j")); err != nil {
		t.Fatal(err)
	}
	if err := NewTask(ctx, 1).Err(); err != nil {
		t.Fatal(err)
	}
	StartPoller(ctx)
	var p Pipe
	p.Open(ctx)
	if err := p.Close(); err == nil {
		t.Fatal("closed pipe not cancelled")
	}
}
