package notify

import (
	"context"

	"example.com/ginroutine/store"
	"github.com/gin-gonic/gin"
)

// Job saves in the background; the file does not import context yet.
func Job(c *gin.Context) {
	go store.Save(context.WithoutCancel(c.Request.Context()), "job")
	c.Status(202)
}
