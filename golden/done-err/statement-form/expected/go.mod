module example.com/statementform

go 1.22
