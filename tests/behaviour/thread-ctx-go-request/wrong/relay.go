// Package relay answers a request and bills its quota in the background.
package relay

import (
	"context"
	"fmt"
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

// Get returns the value at key.
func (c *quotaCache) Get(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.quotas[key]
}

var cache = &quotaCache{quotas: map[string]int{}}

// billing lets the background billing go on (tests hold it back until
// the request is over); billed receives what each billing returned.
var (
	billing = make(chan struct{})
	billed  = make(chan error, 1)
)

// Relay answers at once and bills the user's quota afterwards.
func Relay(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	userID, quota := 7, 5
	go postConsumeQuota(ctx, userID, quota)
	w.WriteHeader(http.StatusOK)
}

// postConsumeQuota bills quota to the user once billing lets it.
func postConsumeQuota(ctx context.Context, id, quota int) {
	<-billing
	billed <- decreaseQuota(ctx, id, quota)
}

// decreaseQuota takes quota off the user's cached quota.
func decreaseQuota(ctx context.Context, id, quota int) error {
	return cache.DecrBy(ctx, quotaKey(id), quota)
}

func quotaKey(id int) string {
	return fmt.Sprintf("user_quota:%d", id)
}
