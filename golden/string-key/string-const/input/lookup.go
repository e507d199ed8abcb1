package tenant

import "context"

// From returns the tenant ctx carries, or "".
func From(ctx context.Context) string {
	t, _ := ctx.Value(tenantKey).(string)
	return t
}

// Has says whether ctx carries a tenant, looked up by its literal key.
func Has(ctx context.Context) bool {
	return ctx.Value("tenant") != nil
}
