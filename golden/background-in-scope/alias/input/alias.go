package alias

import (
	stdctx "context"
	"net/http"
)

func call(ctx stdctx.Context) { _ = ctx }

func handle(w http.ResponseWriter, req *http.Request) {
	go call(stdctx.TODO())
}
