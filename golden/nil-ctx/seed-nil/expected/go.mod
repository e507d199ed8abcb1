module example.com/seednil

go 1.22
