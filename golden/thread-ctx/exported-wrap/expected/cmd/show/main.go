// Command show prints pages.
package main

import (
	"fmt"
	"net/http"

	"example.com/pages/api"
)

func handle(w http.ResponseWriter, r *http.Request) {
	c := &api.Client{Base: "https://example.com"}
	body, err := c.PageContext(r.Context(), r.URL.Path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	fmt.Fprint(w, body)
}

func main() {
	c := &api.Client{Base: "https://example.com"}
	fmt.Println(c.Pages("/a", "/b"))
	http.HandleFunc("/", handle)
}
