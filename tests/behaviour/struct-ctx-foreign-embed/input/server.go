// Package acmeserver validates challenges with the server's own resolver.
package acmeserver

import (
	"context"

	"example.com/acme"
)

// Resolver looks records up until its caller's context is done.
type Resolver struct {
	records map[string][]string
}

// LookupTXT returns the TXT records of name.
func (r *Resolver) LookupTXT(ctx context.Context, name string) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return r.records[name], nil
}

// makeClient gives the ACME library a client that looks records up with
// resolver, for as long as ctx (the server's) lives.
func makeClient(ctx context.Context, resolver *Resolver) (acme.Client, error) {
	return resolverClient{
		Client:   acme.NewClient(),
		resolver: resolver,
		ctx:      ctx,
	}, nil
}

// resolverClient is an acme.Client: the library calls LookupTxt, whose
// signature is the library's, so the context has to be stored.
type resolverClient struct {
	acme.Client

	resolver *Resolver
	ctx      context.Context
}

func (c resolverClient) LookupTxt(name string) ([]string, error) {
	return c.resolver.LookupTXT(c.ctx, name)
}
