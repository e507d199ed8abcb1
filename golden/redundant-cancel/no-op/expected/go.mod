module example.com/deliberate

go 1.22
