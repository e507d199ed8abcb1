module example.com/request-ctx-goroutine-waits

go 1.22
