module example.com/exported-const-used-elsewhere

go 1.24
