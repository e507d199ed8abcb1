package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func notify(c *gin.Context) { _ = c.Request.Context().Err() }

// Create notifies in the background.
func Create(c *gin.Context) {
	go notify(detachContext(c))
	c.Status(http.StatusAccepted)
}
