package ginbg

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

type Service struct{}

func (Service) Notify(ctx context.Context, userID string) error { return ctx.Err() }

type NotificationHandler struct{ service Service }

// Send queues a notification: background-in-scope detaches the request's
// context before go, and unbounded-detach then bounds it in the goroutine.
func (h *NotificationHandler) Send(c *gin.Context) {
	userID := c.GetString("user_id")
	ctx := context.WithoutCancel(c.Request.Context())
	go func() {
		ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
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
