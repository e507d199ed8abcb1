// Package getter is shaped like caddy's HTTPCertGetter: the framework
// calls Provision once with the context of the configuration the module
// belongs to, and every certificate is fetched within that life, whatever
// happens to the handshake that asked for it.
package getter

import (
	"context"
	"errors"
)

// CertGetter fetches certificates from a manager.
type CertGetter struct {
	fetch func(ctx context.Context, name string) (string, error)
}

// Provision sets the getter up for its configuration's life.
func (g *CertGetter) Provision(ctx context.Context, fetch func(context.Context, string) (string, error)) error {
	if fetch == nil {
		return errors.New("a fetch function is required")
	}
	g.fetch = fetch
	return nil
}

// GetCertificate fetches the certificate for name during a handshake.
func (g *CertGetter) GetCertificate(ctx context.Context, name string) (string, error) {
	if name == "" {
		return "", errors.New("no name")
	}
	return g.fetch(ctx, name)
}
