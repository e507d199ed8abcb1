package users

import "context"

type User struct{ ID string }

type Store struct{}

func (Store) Get(ctx context.Context, id string) (*User, error) {
	return &User{ID: id}, ctx.Err()
}

var store Store

func fetchUser(parent context.Context, id string) (*User, error) {
	ctx, cancel := context.WithCancel(parent) // BUG: cancel discarded
	defer cancel()
	return store.Get(ctx, id)
}

// fetchWithin shows the other constructors and a name already taken.
func fetchWithin(parent context.Context, id string, cancel func()) (*User, error) {
	defer cancel()
	var ctx, cancelCtx = context.WithTimeout(parent, 0)
	defer cancelCtx()
	cctx, cancel2 := context.WithCancelCause(ctx)
	defer cancel2(nil)
	return store.Get(cctx, id)
}
