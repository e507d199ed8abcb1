module example.com/value

go 1.22
