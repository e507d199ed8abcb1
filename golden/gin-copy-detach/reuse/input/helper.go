package api

import (
	"context"

	"github.com/gin-gonic/gin"
)

// background is the package's own detach helper.
func background(c *gin.Context) *gin.Context {
	cp := c.Copy()
	cp.Request = cp.Request.Clone(context.WithoutCancel(cp.Request.Context()))
	return cp
}
