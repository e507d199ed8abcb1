package getter

import (
	"context"
	"testing"
)

// fetch answers unless the context it is given is done.
func fetch(ctx context.Context, name string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	return "cert for " + name, nil
}

func TestFetchFollowsTheConfiguration(t *testing.T) {
	config, stop := context.WithCancel(context.Background())
	defer stop()
	var g CertGetter
	if err := g.Provision(config, fetch); err != nil {
		t.Fatal(err)
	}
	// The handshake was abandoned; the configuration lives on.
	handshake, abandon := context.WithCancel(context.Background())
	abandon()
	cert, err := g.GetCertificate(handshake, "example.com")
	if err != nil {
		t.Fatalf("the certificate fetch followed the handshake's context: %v", err)
	}
	if cert != "cert for example.com" {
		t.Fatalf("got %q", cert)
	}
	stop()
	if _, err := g.GetCertificate(context.Background(), "example.com"); err == nil {
		t.Fatal("a fetch after the configuration ended succeeded")
	}
}
