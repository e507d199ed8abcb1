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

type timeoutKey struct{}

type userKey struct{}

// HandleUser reads the request's user and timeout and processes the user.
func HandleUser(r *http.Request, userProcessor UserProcessor) *User {
	user := r.Header.Get("X-User")
	ctx := context.WithValue(r.Context(), userKey{}, user) // We have no control over what user is
	timeout, _ := strconv.Atoi(r.URL.Query().Get("timeout"))
	ctx = context.WithValue(ctx, timeoutKey{}, timeout) // We have no control over what timeout is
	return ProcessUser(ctx, userProcessor)
}

// ProcessUser processes the user stored in ctx.
func ProcessUser(ctx context.Context, userProcessor UserProcessor) *User {
	user := ctx.Value(userKey{}).(string)
	timeout := ctx.Value(timeoutKey{}).(int)
	if timeout < 0 {
		return nil
	}
	return userProcessor.Process(user)
}
