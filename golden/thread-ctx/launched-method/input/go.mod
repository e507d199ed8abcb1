module example.com/l

go 1.22
