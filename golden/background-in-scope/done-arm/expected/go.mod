module example.com/background-in-done-arm

go 1.22
