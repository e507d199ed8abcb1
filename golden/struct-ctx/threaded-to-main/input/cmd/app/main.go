package main

import (
	"context"
	"fmt"
	"os"

	"example.com/worker/queue"
)

func run(w *queue.Worker, jobs []string) error {
	for _, job := range jobs {
		if err := w.Do(job); err != nil {
			return err
		}
	}
	return nil
}

func main() {
	w := queue.NewWorker(context.Background(), "app")
	if err := run(w, os.Args[1:]); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	if err := w.Flush(context.Background()); err != nil {
		fmt.Println(err)
	}
	fmt.Println(w.Name(), "done")
}
