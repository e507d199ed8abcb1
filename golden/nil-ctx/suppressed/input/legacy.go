package legacy

import "context"

// Fetch tolerates a nil context for old callers.
func Fetch(ctx context.Context, key string) string {
	if ctx == nil {
		return key
	}
	return key + "!"
}

func old() string {
	//ctxmod:ignore nil-ctx -- Fetch documents that nil is accepted
	return Fetch(nil, "k")
}
