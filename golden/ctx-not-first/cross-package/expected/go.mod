module example.com/notfirst

go 1.22
