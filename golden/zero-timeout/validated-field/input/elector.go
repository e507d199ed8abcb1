// Package elector renews a lease with a deadline from its configuration,
// which its constructor refuses to take at zero: the timeout cannot be 0.
package elector

import (
	"context"
	"errors"
	"time"
)

// Config configures an Elector.
type Config struct {
	// RenewDeadline bounds each renewal.
	RenewDeadline time.Duration
}

// Elector renews a lease.
type Elector struct {
	config Config
	renew  func(context.Context) error
}

// New checks the configuration and makes an Elector.
func New(cfg Config, renew func(context.Context) error) (*Elector, error) {
	if cfg.RenewDeadline < 1 {
		return nil, errors.New("RenewDeadline must be greater than zero")
	}
	return &Elector{config: cfg, renew: renew}, nil
}

// Renew renews the lease once.
func (e *Elector) Renew(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, e.config.RenewDeadline)
	defer cancel()
	return e.renew(ctx)
}
