package server

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
)

type traceIDKey struct{}

// Trace stores the trace ID in the request's context for the code below
// gin, and the user in gin's own keys.
func Trace(c *gin.Context) {
	ctx := context.WithValue(c.Request.Context(), traceIDKey{}, c.GetHeader("X-Trace"))
	c.Request = c.Request.WithContext(ctx)
	c.Set("user_id", c.GetHeader("X-User"))
	c.Next()
}

// Show answers with both.
func Show(c *gin.Context) {
	trace, _ := c.Request.Context().Value(traceIDKey{}).(string)
	c.String(http.StatusOK, "%s %s", trace, c.GetString("user_id"))
}
