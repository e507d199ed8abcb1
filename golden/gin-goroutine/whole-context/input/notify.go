package notify

import (
	"log/slog"

	"github.com/gin-gonic/gin"
)

func record(c *gin.Context) { slog.Info("path", "path", c.FullPath()) }

// Handler hands the whole context to goroutines.
func Handler(c *gin.Context) {
	go record(c)
	go func() {
		c.Set("done", true)
	}()
	go record(c) //ctxmod:ignore gin-goroutine -- a suppressed hand-off stays
}
