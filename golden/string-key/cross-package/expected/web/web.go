// Package web reads the account that auth stored.
package web

import "context"

// Greeting names the account ctx carries.
func Greeting(ctx context.Context) string {
	a, _ := ctx.Value("account").(string)
	return "hello " + a
}
