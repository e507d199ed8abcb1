package acmeserver

import (
	"context"
	"testing"

	"example.com/acme"
)

// The library validates through the server's resolver.
func TestChallengesAreValidatedWithTheServersResolver(t *testing.T) {
	resolver := &Resolver{records: map[string][]string{
		"_acme-challenge.example.com": {"token-1"},
	}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	client, err := makeClient(ctx, resolver)
	if err != nil {
		t.Fatal(err)
	}
	if err := acme.Validate(client, "example.com", "token-1"); err != nil {
		t.Fatalf("the challenge did not validate: %v", err)
	}
}
