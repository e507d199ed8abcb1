module example.com/struct-ctx-provisioned

go 1.22
