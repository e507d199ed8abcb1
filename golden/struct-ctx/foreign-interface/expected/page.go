// Package pages renders pages with gin.
package pages

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin/render"
)

// page keeps the request's context to render with. Its Render method
// implements gin's render.Render, which ctxmod cannot change: the field
// is reported and left.
type page struct {
	ctx  context.Context
	body string
}

var _ render.Render = (*page)(nil)

func newPage(ctx context.Context, body string) *page {
	return &page{ctx: ctx, body: body}
}

// Render writes the page unless the request is gone.
func (p *page) Render(w http.ResponseWriter) error {
	if err := p.ctx.Err(); err != nil {
		return err
	}
	_, err := w.Write([]byte(p.body))
	return err
}

// WriteContentType says it is HTML.
func (p *page) WriteContentType(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html")
}

// Show renders a page for the request.
func Show(ctx context.Context, w http.ResponseWriter) error {
	return newPage(ctx, "<p>hi</p>").Render(w)
}
