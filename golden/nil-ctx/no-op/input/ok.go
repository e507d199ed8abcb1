package ok

import (
	"context"
	"errors"
	"fmt"
)

func lookup(ctx context.Context, cache map[string]string, key string) (string, error) {
	if cache == nil {
		return "", errors.New("no cache")
	}
	return cache[key], ctx.Err()
}

func use(ctx context.Context) {
	v, err := lookup(ctx, nil, "k")
	fmt.Println(v, err, errors.Is(err, nil))
	var f func(context.Context)
	if f != nil {
		f(ctx)
	}
}
