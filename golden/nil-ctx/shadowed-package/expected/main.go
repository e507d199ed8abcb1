// Command greet passes nil for a context twice: once where `context`
// names the package, once where a parameter named `context` hides it.
package main

import (
	"context"
	"fmt"
)

// Context is what a command-line library hands an action.
type Context struct{ name string }

func check(ctx context.Context, name string) error {
	if ctx == nil {
		return nil
	}
	return ctx.Err()
}

// act cannot name the package: `context.TODO()` would not compile here.
func act(context *Context) error {
	return check(nil, context.name)
}

func main() {
	fmt.Println(act(&Context{name: "x"}))
	fmt.Println(check(context.TODO(), "y"))
}
