package api

import "github.com/gin-gonic/gin"

func work(c *gin.Context) {}

// Handler starts background work.
func Handler(c *gin.Context) {
	go work(c.Copy())
}
