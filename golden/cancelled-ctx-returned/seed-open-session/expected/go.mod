module example.com/seed-open-session

go 1.22
