module example.com/breakending

go 1.22
