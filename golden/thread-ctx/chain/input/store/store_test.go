package store_test

import (
	"testing"

	"example.com/chain/store"
)

func TestLoad(t *testing.T) {
	if _, err := store.Load("k"); err != nil {
		t.Fatal(err)
	}
}
