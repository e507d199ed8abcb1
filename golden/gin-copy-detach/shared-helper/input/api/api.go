package api

import (
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
)

func notify(c *gin.Context, id string) {
	if err := c.Request.Context().Err(); err != nil {
		log.Printf("notify %s: %v", id, err)
	}
}

// Create answers at once and notifies in the background.
func Create(c *gin.Context) {
	id := c.Param("id")
	cp := c.Copy()
	go notify(cp, id)
	c.Status(http.StatusAccepted)
}

// Update hands the whole context to the goroutine.
func Update(c *gin.Context) {
	go func() {
		notify(c, "update")
	}()
	c.Status(http.StatusAccepted)
}
