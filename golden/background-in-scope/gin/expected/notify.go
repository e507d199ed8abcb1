package ginbg

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
)

type Service struct{}

func (Service) Notify(ctx context.Context, userID string) error { return ctx.Err() }

type NotificationHandler struct{ service Service }

// Send queues a notification; the goroutine must not read c.
func (h *NotificationHandler) Send(c *gin.Context) {
	userID := c.GetString("user_id")
	ctx := context.WithoutCancel(c.Request.Context())
	go func() {
		_ = h.service.Notify(ctx, userID)
	}()
	c.JSON(http.StatusAccepted, gin.H{"status": "queued"})
}

// Sync uses the request context outside goroutines.
func (h *NotificationHandler) Sync(c *gin.Context) {
	if err := h.service.Notify(c.Request.Context(), c.Param("id")); err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
	}
}
