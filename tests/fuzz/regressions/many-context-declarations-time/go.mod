module example.com/storedintest

go 1.24
