// Package ginx is the older helper package, still imported under its name.
package ginx

import "github.com/gin-gonic/gin"

// UserID is the caller's id.
func UserID(c *gin.Context) string { return c.GetString("user_id") }
