package oldgo

import (
	"context"
	"testing"
)

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

func benchmarkWorkSized(size int, b *testing.B) {
	for range b.N {
		_ = Work()
		_ = size
	}
}

// One-line benchmarks: gofmt lays a body out on several lines once it
// grows too long, so the fix does too.
func BenchmarkWorkSizedOneThousandItems(b *testing.B)        { benchmarkWorkSized(1000, b) }
func BenchmarkWorkSizedOneHundredThousandItems(b *testing.B) { benchmarkWorkSized(100000, b) }

// suite's test methods run by reflection, like test functions: roots.
type suite struct{}

func (suite) TestWorkInSuite(t *testing.T) {
	if err := Work(); err != nil {
		t.Fatal(err)
	}
}

func TestSuite(t *testing.T) { suite{}.TestWorkInSuite(t) }

// Examples take no arguments: they are roots too.
func ExampleWork() {
	_ = Work()
}

// A testify-style suite runs its TestX() methods by reflection: roots.
type reflectSuite struct{}

func (reflectSuite) TestWorkByReflection() { _ = Work() }

// helperNobodyCalls may be run by a framework: left alone.
func (reflectSuite) SetupTest() { _ = work2(context.TODO()) }

func work2(ctx context.Context) error { return ctx.Err() }
