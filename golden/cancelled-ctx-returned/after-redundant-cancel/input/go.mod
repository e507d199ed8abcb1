module example.com/after-redundant-cancel

go 1.22
