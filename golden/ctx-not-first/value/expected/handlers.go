package value

import "context"

// Handle is stored in a table: its type is part of the table's, so it is
// reported, not changed.
func Handle(name string, ctx context.Context) error {
	_ = name
	return ctx.Err()
}

var handlers = map[string]func(string, context.Context) error{
	"handle": Handle,
}

// Run uses the table.
func Run(ctx context.Context) error {
	return handlers["handle"]("x", ctx)
}
