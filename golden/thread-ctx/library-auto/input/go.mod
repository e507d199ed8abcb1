module example.com/chainlib

go 1.22
