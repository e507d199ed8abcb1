module example.com/errorskept

go 1.22
