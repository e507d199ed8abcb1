package suppressed

import "context"

// WithLocale stores the locale where a vendored library reads it.
func WithLocale(ctx context.Context, locale string) context.Context {
	//ctxmod:ignore string-key -- the i18n library reads the "locale" string key
	return context.WithValue(ctx, "locale", locale)
}

// Locale reads it back.
func Locale(ctx context.Context) string {
	l, _ := ctx.Value("locale").(string)
	return l
}
