package tenant

import "context"

// tenantKey is where the tenant goes in a context.
const tenantKey = "tenant"

// With returns ctx carrying the tenant.
func With(ctx context.Context, tenant string) context.Context {
	return context.WithValue(ctx, tenantKey, tenant)
}
