module example.com/struct-ctx-foreign-embed

go 1.22

require example.com/acme v0.0.0

replace example.com/acme => ./_acme
