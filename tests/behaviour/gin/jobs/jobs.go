// Package jobs starts background work from gin handlers, the two ways
// the work goes wrong once the handler returns.
package jobs

import (
	"context"
	"time"

	"github.com/gin-gonic/gin"
)

// Outcome is what a background job saw.
type Outcome struct {
	UserID string
	Err    error
}

// Outcomes receives one outcome per job.
var Outcomes = make(chan Outcome, 4)

// save stands for a database write: it fails once ctx is cancelled.
func save(ctx context.Context) error {
	time.Sleep(50 * time.Millisecond)
	return ctx.Err()
}

func record(c *gin.Context) {
	Outcomes <- Outcome{UserID: c.GetString("user_id"), Err: save(c.Request.Context())}
}

// Copied hands the job c.Copy(), as gin's documentation advises.
func Copied(c *gin.Context) {
	cp := c.Copy()
	go record(cp)
	c.String(200, "queued")
}

// Captured reads c inside the goroutine (GN010).
func Captured(c *gin.Context) {
	go func() {
		time.Sleep(50 * time.Millisecond)
		userID := c.GetString("user_id")
		Outcomes <- Outcome{UserID: userID, Err: save(c.Request.Context())}
	}()
	c.String(200, "queued")
}

// Whole hands the goroutine the whole context.
func Whole(c *gin.Context) {
	go func() {
		time.Sleep(50 * time.Millisecond)
		record(c)
	}()
	c.String(200, "queued")
}
