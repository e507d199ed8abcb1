module example.com/cross-package

go 1.22
