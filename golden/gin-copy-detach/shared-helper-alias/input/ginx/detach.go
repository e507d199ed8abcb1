// Package ginx holds the service's gin helpers.
package ginx

import (
	"context"

	"github.com/gin-gonic/gin"
)

// Detach returns a copy of c that outlives the handler: it keeps c's
// values but is not cancelled with the request.
func Detach(c *gin.Context) *gin.Context {
	cp := c.Copy()
	cp.Request = cp.Request.Clone(context.WithoutCancel(cp.Request.Context()))
	return cp
}
