package api

import "github.com/gin-gonic/gin"

// Work runs in the background.
func Work(c *gin.Context) {}
