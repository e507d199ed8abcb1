package noop

import "context"

// Client keeps functions of contexts and a cancel function, but no context.
type Client struct {
	stop  context.CancelFunc
	check func(context.Context) error
}

// New makes a client that stops with ctx.
func New(ctx context.Context) (*Client, context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	return &Client{stop: cancel, check: func(c context.Context) error { return c.Err() }}, ctx
}

// Check takes the caller's context, as it should.
func (c *Client) Check(ctx context.Context) error {
	return c.check(ctx)
}

// Stop stops the client.
func (c *Client) Stop() { c.stop() }
