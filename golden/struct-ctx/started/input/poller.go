// Package poller keeps the context its Start method was given: it is the
// lifetime of the polling, reported and left.
package poller

import "context"

// Poller fetches on demand while it runs.
type Poller struct {
	ctx   context.Context
	fetch func(context.Context) error
}

// Start begins the poller's life; ctx ends it.
func (p *Poller) Start(ctx context.Context) {
	p.ctx = ctx
}

// Fetch fetches once within the poller's life.
func (p *Poller) Fetch() error {
	return p.fetch(p.ctx)
}

// Serve fetches for a request.
func Serve(ctx context.Context, p *Poller) error {
	return p.Fetch()
}

// Getter is a plugin module: its framework calls Provision once, with the
// context of the configuration it belongs to.
type Getter struct {
	ctx context.Context
	get func(context.Context) error
}

// Provision sets the getter up for its configuration's life.
func (g *Getter) Provision(ctx context.Context) error {
	g.ctx = ctx
	return nil
}

// Get gets within the configuration's life.
func (g *Getter) Get(ctx context.Context) error {
	return g.get(g.ctx)
}
