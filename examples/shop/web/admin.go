// Package web serves the back-office admin API with gin.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"

	"example.com/shop/store"
)

// Admin handles the operators' endpoints.
type Admin struct {
	store      *store.Store
	reportDir  string
	stopWorker func()
}

// NewAdmin returns the admin handlers; reports are written to reportDir.
func NewAdmin(st *store.Store, reportDir string, stopWorker func()) *Admin {
	return &Admin{store: st, reportDir: reportDir, stopWorker: stopWorker}
}

// Register adds the admin routes to r.
func (a *Admin) Register(r *gin.Engine) {
	g := r.Group("/admin", a.authenticate)
	g.GET("/orders/:id", a.showOrder)
	g.POST("/orders/:id/refund", a.refund)
	g.POST("/reports", a.exportReport)
	g.POST("/worker/stop", a.stop)
}

// authenticate takes the operator's name from the header the SSO proxy sets.
func (a *Admin) authenticate(c *gin.Context) {
	operator := c.GetHeader("X-Operator")
	if operator == "" {
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	c.Set("operator", operator)
	c.Next()
}

func (a *Admin) showOrder(c *gin.Context) {
	o, err := a.store.Get(c, c.Param("id"))
	if errors.Is(err, store.ErrNotFound) {
		c.JSON(http.StatusNotFound, gin.H{"error": "no such order"})
		return
	}
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
		return
	}
	c.JSON(http.StatusOK, o)
}

func (a *Admin) refund(c *gin.Context) {
	id := c.Param("id")
	if err := a.store.SetStatus(id, "refunded", c.Request.Context()); err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
		return
	}
	go func() {
		event := fmt.Sprintf("refund of %s by %s", id, c.GetString("operator"))
		if err := a.store.AppendAudit(c.Request.Context(), event); err != nil {
			slog.Warn("audit write failed", "event", event, "err", err)
		}
	}()
	c.Status(http.StatusAccepted)
}

// exportReport writes the orders to a CSV file in the background.
func (a *Admin) exportReport(c *gin.Context) {
	cp := c.Copy()
	go a.writeReport(cp)
	c.JSON(http.StatusAccepted, gin.H{"status": "queued"})
}

func (a *Admin) writeReport(c *gin.Context) {
	status := c.Query("status")
	orders, err := a.store.List(c.Request.Context(), status)
	if err == nil {
		err = writeCSV(filepath.Join(a.reportDir, "orders-"+status+".csv"), orders)
	}
	if err != nil {
		slog.Error("report failed", "err", err)
		return
	}
	_ = a.store.AppendAudit(c.Request.Context(), "report exported by "+c.GetString("operator"))
}

func writeCSV(path string, orders []store.Order) error {
	var b strings.Builder
	b.WriteString("id,sku,qty,cents,status\n")
	for _, o := range orders {
		fmt.Fprintf(&b, "%s,%s,%d,%d,%s\n", o.ID, o.SKU, o.Qty, o.Cents, o.Status)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func (a *Admin) stop(c *gin.Context) {
	a.stopWorker()
	_ = a.store.AppendAudit(context.WithoutCancel(c.Request.Context()), "worker stopped by "+c.GetString("operator"))
	c.Status(http.StatusNoContent)
}
