module example.com/gencaller

go 1.22
