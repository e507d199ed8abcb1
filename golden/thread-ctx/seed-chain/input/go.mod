module example.com/seedchain

go 1.22
