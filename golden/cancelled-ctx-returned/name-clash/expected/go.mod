module example.com/name-clash

go 1.22
