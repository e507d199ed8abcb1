package typed

type ctxKey int

const userKey ctxKey = iota
