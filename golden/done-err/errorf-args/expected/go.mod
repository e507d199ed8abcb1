module example.com/errorfargs

go 1.22
