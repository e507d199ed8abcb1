module fuzz.example/roots

go 1.22
