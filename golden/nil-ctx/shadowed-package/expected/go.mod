module example.com/nilsh

go 1.22
