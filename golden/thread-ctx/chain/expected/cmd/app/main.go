package main

import (
	"context"

	"example.com/chain/api"
)

func main() {
	api.Warm(context.Background())
}
