module example.com/onlyone

go 1.22
