package api

import (
	"log"
	"net/http"

	ginx2 "example.com/app/ginx"
	"example.com/app/legacy/ginx"
	"github.com/gin-gonic/gin"
)

func notify(c *gin.Context, id string) {
	if err := c.Request.Context().Err(); err != nil {
		log.Printf("notify %s for %s: %v", id, ginx.UserID(c), err)
	}
}

// Create answers at once and notifies in the background: the shared
// helper's package name is taken here by the legacy package.
func Create(c *gin.Context) {
	id := c.Param("id")
	cp := ginx2.Detach(c)
	go notify(cp, id)
	c.Status(http.StatusAccepted)
}
