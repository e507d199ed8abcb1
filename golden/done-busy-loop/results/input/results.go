package results

import (
	"context"
	"net/http"
)

// Summary is what a poll collected.
type Summary struct {
	Count int
}

type poller struct {
	ctx     context.Context
	updates chan string
}

// poll returns one value of every kind.
func (p *poller) poll() (int, string, *Summary, []byte, map[string]int, chan int, func(), any, bool, float64, error) {
	for {
		select {
		case <-p.ctx.Done():
		case u := <-p.updates:
			_ = u
		}
	}
}

// summarise has a named struct result.
func summarise(ctx context.Context, in <-chan int) (Summary, error) {
	var s Summary
	for {
		select {
		case <-ctx.Done():
		case <-in:
			s.Count++
		}
	}
}

// total has named results: the return still lists its values.
func total(ctx context.Context, in <-chan int) (sum, seen int, err error) {
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
		case v := <-in:
			sum += v
			seen = i
		}
	}
}

// last has an error that is not the last result.
func last(ctx context.Context, in <-chan string) (error, string) {
	for {
		select {
		case <-ctx.Done():
		case s := <-in:
			_ = s
		}
	}
}

// stream writes updates until the client goes away.
func stream(w http.ResponseWriter, r *http.Request, updates <-chan string) {
	for {
		select {
		case <-r.Context().Done():
		case u := <-updates:
			_, _ = w.Write([]byte(u))
		}
	}
}
