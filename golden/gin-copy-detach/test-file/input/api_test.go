package api_test

import (
	"testing"

	"github.com/gin-gonic/gin"

	"example.com/gincopy"
)

func handler(c *gin.Context) {
	go api.Work(c.Copy())
}

func TestHandler(t *testing.T) {
	_ = handler
}
