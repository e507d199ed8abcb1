package storedintest

import (
	"context"
	"testing"
)

func TestUser(t *testing.T) {
	ctx := context.WithValue(context.Background(), "user", "ann")
	if got := User(ctx); got != "ann" {
		t.Fatalf("User = %q", got)
	}
}
