package api

import (
	"net/http"

	"example.com/ginctx/store"
	"github.com/gin-gonic/gin"
)

// GetUser hands gin's context on: Load asserts it back to *gin.Context.
func GetUser(c *gin.Context) {
	user, err := store.Load(c, c.Param("id"))
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.JSON(http.StatusOK, user)
}
