// Package payments talks to the payment provider's HTTP API.
package payments

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Client captures payments for orders.
type Client struct {
	BaseURL     string
	HTTP        *http.Client
	MaxAttempts int
}

// Capture charges an order, retrying with a longer timeout each attempt.
func (c *Client) Capture(ctx context.Context, orderID string, cents int64) error {
	err := fmt.Errorf("capture %s: no attempt made", orderID)
	for attempt := 0; attempt < c.MaxAttempts; attempt++ {
		timeout := time.Duration(attempt) * 500 * time.Millisecond
		actx, cancel := context.WithTimeout(ctx, timeout)
		err = c.post(actx, "/v1/captures", fmt.Sprintf(`{"order":%q,"amount":%d}`, orderID, cents))
		cancel()
		if err == nil {
			return nil
		}
	}
	return err
}

func (c *Client) post(ctx context.Context, path, body string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.BaseURL+path, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("payments: %s: %s", path, resp.Status)
	}
	return nil
}
