// Package api fetches pages.
package api

import (
	"context"
	"io"
	"net/http"
)

// Fetch returns the body of the page at url.
//
// Deprecated: use FetchContext.
func Fetch(url string) (string, error) {
	return FetchContext(context.Background(), url)
}

// FetchContext is like Fetch but takes a context.
func FetchContext(ctx context.Context, url string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return string(body), err
}

// Client fetches pages from one site.
type Client struct {
	Base string
}

// Page returns one page of the site.
//
// Deprecated: use PageContext.
func (c *Client) Page(path string) (string, error) {
	return c.PageContext(context.Background(), path)
}

// PageContext is like Page but takes a context.
func (c *Client) PageContext(ctx context.Context, path string) (string, error) {
	return FetchContext(ctx, c.Base+path)
}

// Pages returns several pages of the site.
//
// Deprecated: use PagesContext.
func (c *Client) Pages(paths ...string) []string {
	return c.PagesContext(context.Background(), paths...)
}

// PagesContext is like Pages but takes a context.
func (c *Client) PagesContext(ctx context.Context, paths ...string) []string {
	var out []string
	for _, p := range paths {
		if body, err := c.PageContext(ctx, p); err == nil {
			out = append(out, body)
		}
	}
	return out
}

// Getter fetches a page; Fetch is the default.
var Getter = Fetch
