// Command ca runs the authority.
package main

import (
	"fmt"

	"example.com/ca/authority"
)

func main() {
	fmt.Println(authority.Authority{})
}
