// Package relay answers a request and bills its quota in the background.
package relay

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"sync"
)

// quotaCache stands for a shared cache: it fails once ctx is done.
type quotaCache struct {
	mu     sync.Mutex
	quotas map[string]int
}

// DecrBy decreases the value at key by n.
func (c *quotaCache) DecrBy(ctx context.Context, key string, n int) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.quotas[key] -= n
	return nil
}

var cache = &quotaCache{quotas: map[string]int{}}

// Relay answers at once and bills the user's quota afterwards.
func Relay(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	bill(ctx, 7, 5)
	w.WriteHeader(http.StatusOK)
}

// bill starts the billing in the background. The goroutine starts here,
// from a plain ctx parameter, and not in Relay itself: there
// request-ctx-goroutine would detach the handed context as well, and
// this case is about what thread-ctx does alone. The goroutine outlives
// the request, so the call thread-ctx adds in it gets a detached context.
func bill(ctx context.Context, userID, quota int) {
	go postConsumeQuota(ctx, userID, quota)
}

// postConsumeQuota bills quota to the user.
func postConsumeQuota(ctx context.Context, id, quota int) {
	if err := decreaseQuota(context.WithoutCancel(ctx), id, quota); err != nil {
		log.Printf("billing user %d: %v", id, err)
	}
}

// decreaseQuota takes quota off the user's cached quota.
func decreaseQuota(ctx context.Context, id, quota int) error {
	return cache.DecrBy(ctx, quotaKey(id), quota)
}

func quotaKey(id int) string {
	return fmt.Sprintf("user_quota:%d", id)
}
