package notify

import (
	"example.com/ginroutine/store"
	"github.com/gin-gonic/gin"
)

// Job saves in the background; the file does not import context yet.
func Job(c *gin.Context) {
	go store.Save(c, "job")
	c.Status(202)
}
