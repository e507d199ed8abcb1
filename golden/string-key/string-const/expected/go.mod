module example.com/tenant

go 1.24
