module example.com/lastuse

go 1.22
