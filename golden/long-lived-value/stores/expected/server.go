package stores

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"
)

type dbKey struct{}

type loggerKey struct{}

type clientKey struct{}

type paymentsKey struct{}

// PaymentClient talks to the payment service.
type PaymentClient struct{ base string }

// NewPaymentClient makes a client for the service at base.
func NewPaymentClient(base string) *PaymentClient {
	return &PaymentClient{base: base}
}

// Handler hands the database to the request's handlers through its context.
func Handler(db *sql.DB, logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), dbKey{}, db)
		ctx = context.WithValue(ctx, loggerKey{}, logger)
		ctx = context.WithValue(ctx, clientKey{}, &http.Client{})
		ctx = context.WithValue(ctx, paymentsKey{}, NewPaymentClient("https://pay.example.com"))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// Open opens the database and stores it in ctx.
func Open(ctx context.Context, dsn string) (context.Context, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return ctx, err
	}
	return context.WithValue(ctx, dbKey{}, db), nil
}
