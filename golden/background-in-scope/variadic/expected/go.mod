module example.com/opt

go 1.22
