package notify

import (
	"context"
	"log/slog"

	"example.com/ginroutine/store"
	"github.com/gin-gonic/gin"
)

func audit(ctx context.Context, what string) {
	slog.InfoContext(ctx, "audit", "what", what)
}

func record(c *gin.Context) { slog.Info("path", "path", c.FullPath()) }

// Handler hands its context to goroutines: the two that take a
// context.Context need only the request's, the third gin's own.
func Handler(c *gin.Context) {
	go audit(context.WithoutCancel(c.Request.Context()), "get")
	go store.Save(context.WithoutCancel(c.Request.Context()), "get")
	go record(detachContext(c))
}
