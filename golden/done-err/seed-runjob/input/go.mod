module example.com/runjob

go 1.22
