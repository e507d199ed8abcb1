package api

import (
	"context"
	"log"

	"github.com/gin-gonic/gin"
)

type response struct{ id string }

func doSomeOperations(c *gin.Context) response { return response{id: c.Param("id")} }

func doSomeBackGroundOperations(c *gin.Context, r response) {
	if err := save(c.Request.Context(), r); err != nil {
		log.Println(err) // context canceled before the fix
	}
}

func save(ctx context.Context, r response) error { return ctx.Err() }

// SendApiResponseToClient is the handler of the seed.
func SendApiResponseToClient(c *gin.Context) {
	response := doSomeOperations(c)
	newContext := c.Copy()
	go doSomeBackGroundOperations(newContext, response)
	c.JSON(200, response.id)
}

// Audit hands the copy straight to the goroutine.
func Audit(c *gin.Context) {
	go doSomeBackGroundOperations(c.Copy(), response{})
}
