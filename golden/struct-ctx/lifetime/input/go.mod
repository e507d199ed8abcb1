module example.com/struct-ctx-lifetime

go 1.22
