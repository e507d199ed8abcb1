module example.com/thread-ctx-go-request

go 1.22
