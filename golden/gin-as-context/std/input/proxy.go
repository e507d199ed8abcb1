package proxy

import (
	"database/sql"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"
)

// Forward calls the backend with the handler's request.
func Forward(ctx *gin.Context) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://backend/", nil)
	if err != nil {
		ctx.AbortWithError(http.StatusBadGateway, err)
		return
	}
	slog.InfoContext(ctx, "forwarding", "url", req.URL.String())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		ctx.AbortWithError(http.StatusBadGateway, err)
		return
	}
	defer resp.Body.Close()
	ctx.Status(resp.StatusCode)
}

// Count queries the database.
func Count(db *sql.DB) gin.HandlerFunc {
	return func(c *gin.Context) {
		var n int
		if err := db.QueryRowContext(c, "SELECT count(*) FROM users").Scan(&n); err != nil {
			c.AbortWithError(http.StatusInternalServerError, err)
			return
		}
		rows, err := db.QueryContext(c, "SELECT id FROM users")
		if err != nil {
			c.AbortWithError(http.StatusInternalServerError, err)
			return
		}
		defer rows.Close()
		c.JSON(http.StatusOK, n)
	}
}
