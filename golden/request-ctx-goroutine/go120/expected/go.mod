module example.com/reqctx

go 1.20
