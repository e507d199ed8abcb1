package api

import (
	"context"
	"log/slog"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"
)

func bind(c *gin.Context, v any) error { return c.ShouldBindJSON(v) }

func record(v any) { slog.Info("record", "value", v) }

func load(ctx context.Context, id string) error { return ctx.Err() }

// Create passes the context where gin's context is wanted, or any value.
func Create(c *gin.Context) {
	var body map[string]any
	if err := bind(c, &body); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	record(c)
	if err := load(c.Request.Context(), c.Param("id")); err != nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = load(c.Request.Context(), "x")
	}()
	wg.Wait()
	c.Status(http.StatusCreated)
}
