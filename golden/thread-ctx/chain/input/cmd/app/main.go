package main

import "example.com/chain/api"

func main() {
	api.Warm()
}
