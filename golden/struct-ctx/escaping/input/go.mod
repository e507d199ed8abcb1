module example.com/escaping

go 1.24
