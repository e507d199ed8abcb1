package notify

import (
	"log/slog"

	"github.com/gin-gonic/gin"
)

// Handler reads the context in a goroutine, knowingly.
func Handler(c *gin.Context) {
	go func() {
		slog.Info("user", "id", c.GetString("user_id")) //ctxmod:ignore gin-goroutine -- the test server never recycles contexts
	}()
}
