package notify

import (
	"context"

	"github.com/gin-gonic/gin"
)

// detachContext returns a copy of c that is safe to use after the handler
// returns: it keeps c's values but is not cancelled with the request.
func detachContext(c *gin.Context) *gin.Context {
	cp := c.Copy()
	// Copy shares c.Request, whose context is cancelled when the handler
	// returns: clone the request onto a context that keeps its values only.
	cp.Request = cp.Request.Clone(context.WithoutCancel(cp.Request.Context()))
	return cp
}
