module fuzz.example/chain

go 1.22
