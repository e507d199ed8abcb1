module example.com/methodexpr

go 1.22
