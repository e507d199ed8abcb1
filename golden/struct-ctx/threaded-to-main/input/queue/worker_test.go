package queue

import (
	"context"
	"testing"
)

func TestDo(t *testing.T) {
	w := NewWorker(context.Background(), "test")
	if err := w.Do("a"); err != nil {
		t.Fatal(err)
	}
	if len(w.store.saved) != 1 {
		t.Fatalf("saved %v", w.store.saved)
	}
}
