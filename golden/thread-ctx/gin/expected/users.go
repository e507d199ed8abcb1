package ginthread

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
)

type store struct{}

func (store) Find(ctx context.Context, id string) (string, error) {
	return id, ctx.Err()
}

var db store

// lookup makes its own context: its gin handler caller passes the
// request's.
func lookup(ctx context.Context, id string) (string, error) {
	return db.Find(ctx, id)
}

// GetUser is a gin handler.
func GetUser(c *gin.Context) {
	name, err := lookup(c.Request.Context(), c.Param("id"))
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.JSON(http.StatusOK, gin.H{"name": name})
}

// audit is called from a gin handler's goroutine: the request has to be
// detached before the go statement, so it is reported, not threaded.
func audit(id string) {
	_, _ = db.Find(context.Background(), id)
}

// Touch starts the audit in a goroutine.
func Touch(c *gin.Context) {
	id := c.Param("id")
	go func() {
		audit(id)
	}()
	c.Status(http.StatusAccepted)
}

// Routes registers the handlers.
func Routes(r *gin.Engine) {
	r.GET("/users/:id", GetUser)
	r.POST("/users/:id/touch", Touch)
}
