module example.com/elector

go 1.22
