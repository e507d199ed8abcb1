package parse

import "testing"

// The fuzz target gets its own *testing.T: vet forbids it to use the
// *testing.F, so its call takes t.Context().
func FuzzParse(f *testing.F) {
	f.Add([]byte("a"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = parse(t.Context(), data)
	})
}

func TestParse(t *testing.T) {
	if err := parse(t.Context(), []byte("b")); err != nil {
		t.Fatal(err)
	}
}
