package oldgo

import (
	"context"
	"testing"
)

func TestWork(t *testing.T) {
	if err := Work(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkWork(b *testing.B) {
	for range b.N {
		_ = Work(context.Background())
	}
}
