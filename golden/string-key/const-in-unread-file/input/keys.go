package unread

// tenantKey names the tenant wherever it is kept.
const tenantKey = "tenant"
