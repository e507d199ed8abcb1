package notify

import "github.com/gin-gonic/gin"

// Stream watches for the client going away while the chain streams: the
// goroutine needs the response writer, which a copy does not have.
func Stream(c *gin.Context) {
	gone := make(chan struct{})
	go func() {
		<-c.Writer.CloseNotify()
		close(gone)
	}()
	c.Set("gone", gone)
	c.Next()
}
