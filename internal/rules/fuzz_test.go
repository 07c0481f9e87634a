package rules

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/keyless-dev/keyless"
)

// FuzzParse checks that any rules file either parses or fails with a
// positioned *Error, never a panic: users hand-edit this file.
func FuzzParse(f *testing.F) {
	f.Add(keyless.DefaultRules)
	seeds, _ := filepath.Glob(filepath.Join("testdata", "fuzz-seeds", "*.yaml"))
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("fuzz.yaml", data)
		if err != nil {
			var perr *Error
			if !errors.As(err, &perr) {
				t.Fatalf("error without position: %v", err)
			}
			if perr.Pos.Line < 1 {
				t.Fatalf("error with line %d: %v", perr.Pos.Line, err)
			}
			return
		}
		// A parsed file must also survive validation without panicking.
		_ = c.validate()
	})
}
