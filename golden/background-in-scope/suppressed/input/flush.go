package flush

import "context"

func flush(ctx context.Context, send func(context.Context) error) error {
	//ctxmod:ignore background-in-scope -- the flush must finish even after shutdown starts
	if err := send(context.Background()); err != nil {
		return err
	}
	return send(context.TODO()) //ctxmod:ignore
}
