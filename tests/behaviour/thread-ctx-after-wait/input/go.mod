module example.com/thread-ctx-after-wait

go 1.22
