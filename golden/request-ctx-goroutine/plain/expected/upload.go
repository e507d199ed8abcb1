package upload

import (
	"context"
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
)

func process(ctx context.Context, id string) {
	if err := ctx.Err(); err != nil {
		log.Printf("process %s: %v", id, err) // context canceled before the fix
	}
}

// Upload answers at once and processes in the background.
func Upload(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	go process(context.WithoutCancel(r.Context()), id)
	w.WriteHeader(http.StatusAccepted)
}

// GinUpload does the same in a gin handler.
func GinUpload(c *gin.Context) {
	go process(context.WithoutCancel(c.Request.Context()), c.Param("id"))
	c.Status(http.StatusAccepted)
}

// GinNotify reads the request's context inside the goroutine: that is
// gin-goroutine's to fix, not this rule's.
func GinNotify(c *gin.Context) {
	ctx := context.WithoutCancel(c.Request.Context())
	go func() {
		process(ctx, "notify")
	}()
	c.Status(http.StatusAccepted)
}
