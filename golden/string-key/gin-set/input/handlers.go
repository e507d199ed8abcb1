package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Auth keeps the user's ID in gin's keys, which gin's API takes as strings.
func Auth(c *gin.Context) {
	c.Set("user_id", c.GetHeader("X-User"))
	c.Next()
}

// Me answers with the user's ID.
func Me(c *gin.Context) {
	id := c.GetString("user_id")
	if v, ok := c.Get("user_id"); ok && v != "" {
		c.String(http.StatusOK, "%s", id)
		return
	}
	// A *gin.Context's Value looks string keys up in the same gin keys.
	c.String(http.StatusOK, "%v", c.Value("user_id"))
}
