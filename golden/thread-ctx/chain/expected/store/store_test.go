package store_test

import (
	"testing"

	"example.com/chain/store"
)

func TestLoad(t *testing.T) {
	if _, err := store.Load(t.Context(), "k"); err != nil {
		t.Fatal(err)
	}
}
