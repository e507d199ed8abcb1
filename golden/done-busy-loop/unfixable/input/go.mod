module example.com/unfixable

go 1.22
