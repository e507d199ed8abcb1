package api

import (
	"fmt"
	"log"
	"net/http"
)

// Hello greets the request by its ID.
func Hello(w http.ResponseWriter, r *http.Request) {
	id, ok := r.Context().Value(requestIDKey{}).(string)
	if !ok {
		http.Error(w, "no request ID", http.StatusBadRequest)
		return
	}
	fmt.Fprintf(w, "hello %s\n", id)
}

// logRequest logs the request's ID, whatever it is.
func logRequest(r *http.Request) {
	log.Printf("request %v", r.Context().Value(requestIDKey{}))
}
