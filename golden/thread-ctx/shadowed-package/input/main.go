// Command stress runs a test. Its command-line library hands each action
// a value its authors named `context`, hiding the package there.
package main

import (
	"context"
	"fmt"
	"os"
)

// Context is what the command-line library passes to an action.
type Context struct{ args []string }

// App runs its action.
type App struct {
	Action func(context *Context) error
}

func main() {
	app := App{}
	app.Action = func(context *Context) error {
		if len(context.args) > 0 {
			return run(context.args[0])
		}
		return run("default")
	}
	if err := app.Action(&Context{args: os.Args[1:]}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run makes its own context: the calls in the action cannot be given
// one, as `context` does not name the package there.
func run(name string) error {
	return check(context.Background(), name)
}

func check(ctx context.Context, name string) error {
	if name == "" {
		return ctx.Err()
	}
	return nil
}
