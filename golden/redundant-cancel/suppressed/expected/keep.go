package keep

import "context"

func step(ctx context.Context) error { return ctx.Err() }

func Run(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	if err := step(ctx); err != nil {
		//ctxmod:ignore redundant-cancel -- mirrors the upstream code; keep the diff small
		cancel()
		return err
	}
	if err := step(ctx); err != nil {
		cancel() //ctxmod:ignore CTX008
		return err
	}
	return nil
}
