package api

import (
	"net/http"

	"example.com/ginctx/store"
	"github.com/gin-gonic/gin"
)

// Authenticate stores the caller's name in the request's context.
func Authenticate(c *gin.Context) {
	ctx := store.WithUser(c.Request.Context(), c.GetHeader("X-User"))
	c.Request = c.Request.WithContext(ctx)
	c.Next()
}

// GetUser hands gin's context on; Load reads its key of its own type,
// which the request's context carries.
func GetUser(c *gin.Context) {
	user, err := store.Load(c.Request.Context(), c.Param("id"))
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.JSON(http.StatusOK, user)
}
