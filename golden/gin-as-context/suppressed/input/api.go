package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
)

func lookup(ctx context.Context, key string) any { return ctx.Value(key) }

// Show reads a value set with c.Set through the context.
func Show(c *gin.Context) {
	c.Set("tenant", "acme")
	//ctxmod:ignore gin-as-context -- lookup reads keys set with c.Set
	v := lookup(c, "tenant")
	c.JSON(http.StatusOK, v)
}
