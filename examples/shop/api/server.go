// Package api serves the public order API with net/http.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"example.com/shop/catalog"
	"example.com/shop/store"
)

// Server handles the order endpoints.
type Server struct {
	store  *store.Store
	logger *slog.Logger
}

// NewServer returns a server backed by st.
func NewServer(st *store.Store, logger *slog.Logger) *Server {
	return &Server{store: st, logger: logger}
}

// Handler returns the API's routes with their middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /orders/{id}", s.getOrder)
	mux.HandleFunc("POST /orders", s.createOrder)
	mux.HandleFunc("GET /healthz", s.healthz)
	return withLogger(s.logger, requestID(mux))
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.store.Ping(nil); err != nil {
		http.Error(w, "store unavailable", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) getOrder(w http.ResponseWriter, r *http.Request) {
	ctx, _ := context.WithTimeout(r.Context(), 2*time.Second)
	o, err := s.store.Get(ctx, r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		http.Error(w, "no such order", http.StatusNotFound)
		return
	}
	if err != nil {
		http.Error(w, "could not load order", http.StatusInternalServerError)
		return
	}
	writeJSON(w, http.StatusOK, o)
}

type orderRequest struct {
	SKU   string `json:"sku"`
	Qty   int    `json:"qty"`
	Email string `json:"email"`
}

func (s *Server) createOrder(w http.ResponseWriter, r *http.Request) {
	var req orderRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Qty <= 0 {
		http.Error(w, "bad order", http.StatusBadRequest)
		return
	}
	total, err := s.quote(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	o := store.Order{
		ID:     newID(),
		SKU:    req.SKU,
		Qty:    req.Qty,
		Cents:  total,
		Email:  req.Email,
		Status: "pending",
		Placed: time.Now(),
	}
	if err := s.store.Put(context.Background(), o); err != nil {
		http.Error(w, "could not save order", http.StatusInternalServerError)
		return
	}
	s.audit(r.Context(), "order "+o.ID+" placed")
	go s.sendConfirmation(r.Context(), o)
	writeJSON(w, http.StatusCreated, o)
}

// quote prices an order request.
func (s *Server) quote(req orderRequest) (int64, error) {
	unit, err := catalog.Price(req.SKU)
	if err != nil {
		return 0, err
	}
	return unit * int64(req.Qty), nil
}

// sendConfirmation emails the customer once the order is saved.
func (s *Server) sendConfirmation(ctx context.Context, o store.Order) {
	loggerFrom(ctx).InfoContext(ctx, "sending confirmation",
		"order", o.ID, "to", o.Email, "request_id", requestIDFrom(ctx))
	if err := s.store.AppendAudit(ctx, "confirmation sent for "+o.ID); err != nil {
		s.logger.Warn("confirmation not recorded", "order", o.ID, "err", err)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
