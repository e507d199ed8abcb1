package oldgo

import "testing"

func TestWork(t *testing.T) {
	if err := Work(); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkWork(b *testing.B) {
	for range b.N {
		_ = Work()
	}
}
