// Package clock tells the time.
package clock

import (
	"context"
	"time"
	_ "unsafe" // for go:linkname
)

// now is linked to by name from another package, which declares it with
// this signature: it keeps its context of its own, reported.
//
//go:linkname now example.com/clock/internal/probe.now
func now() int64 {
	return stamp(context.TODO())
}

func stamp(ctx context.Context) int64 {
	if ctx.Err() != nil {
		return 0
	}
	return time.Now().UnixNano()
}

// Elapsed is how long since start.
func Elapsed(start int64) time.Duration {
	return time.Duration(now() - start)
}
