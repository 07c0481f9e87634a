package broadrole_test

import (
	"bytes"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keyless-dev/keyless/analyzers/broadrole"
)

// TestFixesAreMinimal: broadrole's fixes change only what they must: a
// role GUID's bytes, a false that becomes true, one added field or
// import line. No edit replaces text across lines, and none adds more
// than one line.
func TestFixesAreMinimal(t *testing.T) {
	n := 0
	for _, r := range analysistest.Run(nopT{}, analysistest.TestData(), broadrole.Analyzer, "assign", "wrappers", "localauth", "localauthv2", "resolve") {
		fset := r.Pass.Fset
		for _, d := range r.Diagnostics {
			for _, fix := range d.SuggestedFixes {
				for _, e := range fix.TextEdits {
					n++
					start, end := fset.Position(e.Pos), fset.Position(e.End)
					if start.Line != end.Line {
						t.Errorf("%s: %q replaces lines %d-%d", start, fix.Message, start.Line, end.Line)
					}
					if c := bytes.Count(e.NewText, []byte("\n")); c > 1 {
						t.Errorf("%s: %q adds %d lines: %q", start, fix.Message, c, e.NewText)
					}
					if e.Pos == e.End && len(e.NewText) == 0 {
						t.Errorf("%s: empty edit", start)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no broadrole fix edits in the fixtures")
	}
}

// nopT discards analysistest's errors (the fixtures' own tests check the
// diagnostics).
type nopT struct{}

func (nopT) Errorf(string, ...any) {}
