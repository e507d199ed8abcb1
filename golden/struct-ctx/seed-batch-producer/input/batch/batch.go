// Package batch stands in for a message-queue client library.
package batch

import "context"

// Option configures a Client.
type Option func(*Client)

// Client acknowledges deliveries.
type Client struct {
	acked, rejected int
}

// New connects a client.
func New(ctx context.Context, opts ...Option) (*Client, error) {
	c := &Client{}
	for _, opt := range opts {
		opt(c)
	}
	return c, ctx.Err()
}

// Ack acknowledges a delivery.
func (c *Client) Ack(ctx context.Context, delivery uint64, queue string) error {
	c.acked++
	return ctx.Err()
}

// Nack rejects a delivery, putting it back on the queue if requeue is set.
func (c *Client) Nack(ctx context.Context, delivery uint64, queue string, requeue bool) error {
	c.rejected++
	return ctx.Err()
}
