package api

import (
	"sync"

	"github.com/gin-gonic/gin"
)

func touch(id string) {}

func work(c *gin.Context) {}

// Handler hands the goroutine only a value read before it starts, and
// copies the context for code that runs before the handler returns.
func Handler(c *gin.Context) {
	go touch(c.Param("id"))
	cp := c.Copy()
	var wg sync.WaitGroup
	wg.Add(1)
	work(cp)
	wg.Done()
	wg.Wait()
}
