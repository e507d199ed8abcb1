// Package worker captures the payment of pending orders in the background.
package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"example.com/shop/payments"
	"example.com/shop/store"
)

// Worker sweeps the pending orders every interval.
type Worker struct {
	store    *store.Store
	payments *payments.Client
	logger   *slog.Logger
	interval time.Duration
	busy     atomic.Bool
}

// New returns a worker that sweeps every 10 seconds.
func New(st *store.Store, pay *payments.Client, logger *slog.Logger) *Worker {
	return &Worker{store: st, payments: pay, logger: logger, interval: 10 * time.Second}
}

// Run sweeps until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	ticker := time.NewTicker(w.interval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			w.logger.Info("worker stopped")
		case <-ticker.C:
			w.sweep(ctx)
		}
	}
}

// Drain waits for the sweep in progress, for a graceful shutdown.
func (w *Worker) Drain(ctx context.Context) error {
	for w.busy.Load() {
		select {
		case <-ctx.Done():
			return errors.New("worker: sweep still running")
		case <-time.After(20 * time.Millisecond):
		}
	}
	return nil
}

func (w *Worker) sweep(ctx context.Context) {
	w.busy.Store(true)
	defer w.busy.Store(false)
	pending, err := w.store.List(ctx, "pending")
	if err != nil {
		w.logger.Error("listing pending orders", "err", err)
		return
	}
	b := &batch{ctx: ctx, w: w, orders: pending}
	if n := b.run(); n > 0 {
		w.logger.Info("orders paid", "count", n)
	}
}

// batch is the work of one sweep.
type batch struct {
	ctx    context.Context
	w      *Worker
	orders []store.Order
}

func (b *batch) run() int {
	paid := 0
	for _, o := range b.orders {
		if err := b.w.capture(b.ctx, o); err != nil {
			b.w.logger.Warn("payment failed", "order", o.ID, "err", err)
			continue
		}
		paid++
	}
	return paid
}

func (w *Worker) capture(ctx context.Context, o store.Order) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := w.payments.Capture(ctx, o.ID, o.Cents); err != nil {
		cancel()
		return fmt.Errorf("capture %s: %w", o.ID, err)
	}
	return w.store.SetStatus(o.ID, "paid", ctx)
}
