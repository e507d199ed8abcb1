package api

import (
	"context"
	"net/http"

	"example.com/ginctx/store"
	"github.com/gin-gonic/gin"
)

type handler struct {
	cache *store.Cache
}

func audit(ctx context.Context, what string) error { return ctx.Err() }

// GetUser hands gin's context to functions that want a context.Context.
func (h *handler) GetUser(c *gin.Context) {
	user, err := store.Load(c.Request.Context(), c.Param("id")) // the request's context
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	if err := h.cache.Put(c.Request.Context(), user); err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	_ = audit(c.Request.Context(), "get")
	c.JSON(http.StatusOK, user)
}
