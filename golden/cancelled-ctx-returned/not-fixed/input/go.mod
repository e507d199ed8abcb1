module example.com/not-fixed

go 1.22
