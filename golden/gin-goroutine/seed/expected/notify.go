package notify

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"
)

// SendNotificationRequest is the body of a notification.
type SendNotificationRequest struct {
	Message string `json:"message"`
}

// Service sends notifications.
type Service interface {
	Notify(ctx context.Context, userID string, req SendNotificationRequest) error
}

// NotificationHandler serves notifications.
type NotificationHandler struct {
	service Service
	logger  *slog.Logger
}

// Send is GN010's "Wrong" handler.
func (h *NotificationHandler) Send(c *gin.Context) {
	var req SendNotificationRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	// ❌ goroutine holds *gin.Context — races after handler returns
	ctx := context.WithoutCancel(c.Request.Context())
	userID := c.GetString("user_id") // c is already recycled here
	go func() {
		if err := h.service.Notify(ctx, userID, req); err != nil {
			h.logger.Error("notification failed", slog.String("user_id", userID), slog.Any("error", err))
		}
	}()
	c.JSON(http.StatusAccepted, gin.H{"status": "queued"})
}

// Audit reads a header, a parameter and the path in the goroutine.
func (h *NotificationHandler) Audit(c *gin.Context) {
	xRequestID := c.GetHeader("X-Request-ID")
	id := c.Param("id")
	path := c.Request.URL.Path
	go func() {
		h.logger.Info("audit", "request", xRequestID, "id", id, "path", path)
		h.logger.Info("again", "id", id)
	}()
}
