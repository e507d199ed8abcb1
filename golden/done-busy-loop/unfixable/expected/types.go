package unfixable

// Report is declared in another file than the loops that return it.
type Report struct {
	Lines []string
}

// Status is a named non-struct type: its zero value depends on its kind.
type Status int
