module example.com/no-op

go 1.22
