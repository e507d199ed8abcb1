package api

import (
	"net/http"

	"example.com/ginctx/store"
	"github.com/gin-gonic/gin"
)

// Authenticate stores the caller's name in gin's own keys.
func Authenticate(c *gin.Context) {
	c.Set("user", c.GetHeader("X-User"))
	c.Next()
}

// GetUser hands gin's context on: Load reads the name Authenticate set
// through it, which c.Request.Context() would not carry.
func GetUser(c *gin.Context) {
	user, err := store.Load(c, c.Param("id"))
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.JSON(http.StatusOK, user)
}
