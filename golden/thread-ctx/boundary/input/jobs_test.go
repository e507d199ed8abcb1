package boundary

import "testing"

// With go 1.22 a test passes context.Background(), not t.Context().
func TestRun(t *testing.T) {
	if err := Run("sync"); err != nil {
		t.Log(err)
	}
}
