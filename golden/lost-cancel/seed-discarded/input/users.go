package users

import "context"

type User struct{ ID string }

type Store struct{}

func (Store) Get(ctx context.Context, id string) (*User, error) {
	return &User{ID: id}, ctx.Err()
}

var store Store

func fetchUser(parent context.Context, id string) (*User, error) {
	ctx, _ := context.WithCancel(parent) // BUG: cancel discarded
	return store.Get(ctx, id)
}

// fetchWithin shows the other constructors and a name already taken.
func fetchWithin(parent context.Context, id string, cancel func()) (*User, error) {
	defer cancel()
	var ctx, _ = context.WithTimeout(parent, 0)
	cctx, _ := context.WithCancelCause(ctx)
	return store.Get(cctx, id)
}
