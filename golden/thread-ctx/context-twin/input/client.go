// Package client dials a server. Dial keeps its signature beside
// DialContext, as net.Dial does: it is reported, naming the variant.
package client

import (
	"context"
	"net/http"
)

// Conn is a connection.
type Conn struct{ addr string }

func dial(ctx context.Context, addr string) (*Conn, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return &Conn{addr: addr}, nil
}

// DialContext connects with ctx.
func DialContext(ctx context.Context, addr string) (*Conn, error) {
	return dial(ctx, addr)
}

// Dial connects without a deadline.
func Dial(addr string) (*Conn, error) {
	return dial(context.TODO(), addr)
}

// Handler dials on every request.
func Handler(w http.ResponseWriter, r *http.Request) {
	if _, err := Dial("example.com:80"); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
}
