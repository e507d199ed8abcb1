package breakending

import (
	"context"
	"log"
)

func serve(ctx context.Context, in <-chan string) error {
	for {
		select {
		case <-ctx.Done():
			log.Println("stopping")
			return ctx.Err()
		case msg := <-in:
			log.Println(msg)
		}
	}
}

func serveLabelled(ctx context.Context, in <-chan string) {
	for {
	wait:
		select {
		case <-ctx.Done():
			break wait
		case msg := <-in:
			log.Println(msg)
		}
	}
}
