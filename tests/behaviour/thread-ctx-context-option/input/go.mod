module example.com/thread-ctx-context-option

go 1.22
