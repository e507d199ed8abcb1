package users

import (
	"context"
	"net/http"
	"strconv"
)

// User is who made a request.
type User struct{ Name string }

// UserProcessor loads users.
type UserProcessor interface {
	Process(name string) *User
}

// HandleUser reads the request's user and timeout and processes the user.
func HandleUser(r *http.Request, userProcessor UserProcessor) *User {
	user := r.Header.Get("X-User")
	ctx := context.WithValue(r.Context(), "user", user) // We have no control over what user is
	timeout, _ := strconv.Atoi(r.URL.Query().Get("timeout"))
	ctx = context.WithValue(ctx, "timeout", timeout) // We have no control over what timeout is
	return ProcessUser(ctx, userProcessor)
}

// ProcessUser processes the user stored in ctx.
func ProcessUser(ctx context.Context, userProcessor UserProcessor) *User {
	user := ctx.Value("user").(string)
	timeout := ctx.Value("timeout").(int)
	if timeout < 0 {
		return nil
	}
	return userProcessor.Process(user)
}
