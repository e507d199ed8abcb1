// Command shop serves the order API on :8080 and the admin API on :8081,
// and captures the payment of new orders in the background.
package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"

	"example.com/shop/api"
	"example.com/shop/payments"
	"example.com/shop/store"
	"example.com/shop/web"
	"example.com/shop/worker"
)

func main() {
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	st := store.New()
	pay := &payments.Client{
		BaseURL:     getenv("PAYMENTS_URL", "http://localhost:9090"),
		HTTP:        &http.Client{Timeout: 10 * time.Second},
		MaxAttempts: 3,
	}
	w := worker.New(st, pay, logger)
	workerCtx, stopWorker := worker.Stoppable(ctx)
	go w.Run(workerCtx)

	gin.SetMode(gin.ReleaseMode)
	router := gin.New()
	router.Use(gin.Recovery())
	web.NewAdmin(st, getenv("REPORT_DIR", os.TempDir()), stopWorker).Register(router)

	servers := []*http.Server{
		{Addr: ":8080", Handler: api.NewServer(st, logger).Handler()},
		{Addr: ":8081", Handler: router},
	}
	for _, srv := range servers {
		go func() {
			if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
				logger.Error("server failed", "addr", srv.Addr, "err", err)
				stop()
			}
		}()
	}

	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, srv := range servers {
		if err := srv.Shutdown(shutdownCtx); err != nil {
			logger.Error("shutdown", "addr", srv.Addr, "err", err)
		}
	}
	if err := w.Drain(shutdownCtx); err != nil {
		logger.Error("shutdown", "err", err)
	}
}

func getenv(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
