module example.com/thread-ctx-shutdown-path

go 1.22
