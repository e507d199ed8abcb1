module example.com/exported-const

go 1.24
