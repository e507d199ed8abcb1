package unread

import "context"

// WithTenant stores the tenant under the constant.
func WithTenant(ctx context.Context, tenant string) context.Context {
	return context.WithValue(ctx, tenantKey, tenant)
}

// Tenant reads it back by the constant's value.
func Tenant(ctx context.Context) string {
	t, _ := ctx.Value("tenant").(string)
	return t
}
