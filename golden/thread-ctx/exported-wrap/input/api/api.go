// Package api fetches pages.
package api

import (
	"context"
	"io"
	"net/http"
)

// Fetch returns the body of the page at url.
func Fetch(url string) (string, error) {
	req, err := http.NewRequestWithContext(context.TODO(), http.MethodGet, url, nil)
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
func (c *Client) Page(path string) (string, error) {
	return Fetch(c.Base + path)
}

// Pages returns several pages of the site.
func (c *Client) Pages(paths ...string) []string {
	var out []string
	for _, p := range paths {
		if body, err := c.Page(p); err == nil {
			out = append(out, body)
		}
	}
	return out
}

// Getter fetches a page; Fetch is the default.
var Getter = Fetch
