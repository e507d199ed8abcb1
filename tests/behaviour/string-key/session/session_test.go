package session

import (
	"context"
	"testing"
)

func TestValuesRoundTrip(t *testing.T) {
	ctx := With(context.Background(), "ann", "admin", 3, "t-1")
	if u, ok := User(ctx); !ok || u != "ann" {
		t.Fatalf("User = %q, %v", u, ok)
	}
	if r := Role(ctx); r != "admin" {
		t.Fatalf("Role = %q", r)
	}
	if a := Attempt(ctx); a != 3 {
		t.Fatalf("Attempt = %d", a)
	}
	if tr := Trace(ctx); tr != "t-1" {
		t.Fatalf("Trace = %v", tr)
	}
}

func TestLaterStoresShadowEarlierOnes(t *testing.T) {
	ctx := With(context.Background(), "ann", "admin", 1, "t-1")
	ctx = With(ctx, "bob", "viewer", 2, "t-2")
	if u, _ := User(ctx); u != "bob" {
		t.Fatalf("User = %q", u)
	}
	if a := Attempt(ctx); a != 2 {
		t.Fatalf("Attempt = %d", a)
	}
}

func TestEmptyContextHasNothing(t *testing.T) {
	ctx := context.Background()
	if _, ok := User(ctx); ok {
		t.Fatal("a user in an empty context")
	}
	if Role(ctx) != "" || Trace(ctx) != nil {
		t.Fatal("values in an empty context")
	}
}
