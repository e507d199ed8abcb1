module example.com/ca

go 1.22
