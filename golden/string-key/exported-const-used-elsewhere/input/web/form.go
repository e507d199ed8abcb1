package web

import (
	"net/url"

	"example.com/exported-const-used-elsewhere/auth"
)

// UserField reads the form field named like the key.
func UserField(form url.Values) string {
	return form.Get(auth.UserKey)
}
