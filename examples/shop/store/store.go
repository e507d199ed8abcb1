// Package store keeps the shop's orders. It is in memory here; the
// methods take a context the way a database driver's do.
package store

import (
	"context"
	"errors"
	"sort"
	"sync"
	"time"
)

// ErrNotFound is returned for an order id the store does not hold.
var ErrNotFound = errors.New("order not found")

// Order is one customer order.
type Order struct {
	ID     string    `json:"id"`
	SKU    string    `json:"sku"`
	Qty    int       `json:"qty"`
	Cents  int64     `json:"cents"`
	Email  string    `json:"email"`
	Status string    `json:"status"`
	Placed time.Time `json:"placed"`
}

// Store holds the orders and the audit trail.
type Store struct {
	mu     sync.Mutex
	orders map[string]Order
	audit  []string
}

// New returns an empty store.
func New() *Store {
	return &Store{orders: make(map[string]Order)}
}

// Ping reports whether the store can serve requests.
func (s *Store) Ping(ctx context.Context) error {
	return ctx.Err()
}

// Get returns the order with the given id.
func (s *Store) Get(ctx context.Context, id string) (Order, error) {
	if err := ctx.Err(); err != nil {
		return Order{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[id]
	if !ok {
		return Order{}, ErrNotFound
	}
	return o, nil
}

// Put saves an order, replacing any with the same id.
func (s *Store) Put(ctx context.Context, o Order) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.orders[o.ID] = o
	return nil
}

// SetStatus moves an order to a new status.
func (s *Store) SetStatus(id, status string, ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[id]
	if !ok {
		return ErrNotFound
	}
	o.Status = status
	s.orders[id] = o
	return nil
}

// scanTimeout bounds a scan of the whole order table.
const scanTimeout = 2 * time.Second

func scanContext(parent context.Context) context.Context {
	ctx, cancel := context.WithTimeout(parent, scanTimeout)
	defer cancel()
	return ctx
}

// List returns the orders in the given status ("" for all), oldest first.
func (s *Store) List(ctx context.Context, status string) ([]Order, error) {
	scan := scanContext(ctx)
	if err := scan.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Order
	for _, o := range s.orders {
		if status == "" || o.Status == status {
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Placed.Before(out[j].Placed) })
	return out, nil
}

// AppendAudit records an event in the audit trail.
func (s *Store) AppendAudit(ctx context.Context, event string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.audit = append(s.audit, time.Now().UTC().Format(time.RFC3339)+" "+event)
	return nil
}
