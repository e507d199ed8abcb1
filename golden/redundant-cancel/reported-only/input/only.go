package onlyone

import (
	"context"
	"errors"
	"log"
)

var errBusy = errors.New("busy")

func work(ctx context.Context) error { return ctx.Err() }

// Guarded: removing the cancel would leave `if err != nil {}`.
func Guarded(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	err := work(ctx)
	if err != nil {
		cancel()
	}
	return err
}

// Arm: removing the cancel would leave a silent case.
func Arm(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	err := work(ctx)
	switch {
	case errors.Is(err, errBusy):
		cancel()
	default:
		log.Print(err)
	}
	return err
}
