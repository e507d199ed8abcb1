package notify

import (
	"log/slog"
	"sync"

	"github.com/gin-gonic/gin"
)

func touch(id string) {}

// Handler passes the goroutine a value read before it starts, and waits
// for the goroutine that reads the context.
func Handler(c *gin.Context) {
	go touch(c.Param("id"))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		slog.Info("user", "id", c.GetString("user_id"))
	}()
	wg.Wait()
}

// Fetch waits on a channel for the goroutine's result.
func Fetch(c *gin.Context) {
	done := make(chan string)
	go func() { done <- c.Query("q") }()
	c.String(200, <-done)
}
