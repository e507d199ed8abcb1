module example.com/seeddiscarded

go 1.22
