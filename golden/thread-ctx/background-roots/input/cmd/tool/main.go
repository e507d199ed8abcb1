// Command tool loads one record.
package main

import (
	"fmt"

	"example.com/tool/store"
)

func main() {
	fmt.Println(store.Load(1))
}
