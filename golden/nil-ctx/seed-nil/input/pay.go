package pay

import "context"

type api struct{}

func (api) Charge(ctx context.Context, amount int64) error { return ctx.Err() }

var paymentsAPI api

func ChargeCard(ctx context.Context, amount int64) error {
	return paymentsAPI.Charge(ctx, amount)
}

func refund(ctx context.Context) error {
	return ChargeCard(nil, -100)
}
