module example.com/seedleaf

go 1.22
