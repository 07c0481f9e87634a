package lintutil

import (
	"strings"
	"testing"
)

func TestExtractDoc(t *testing.T) {
	const src = `// Package halting defines an Analyzer that reports loops that never end.
//
// # Analyzer halting
//
// halting: report loops that never end
//
// The halting analyzer reports for loops without a condition or a break.
//
// # Other section
//
// Not part of the Doc.
package halting
`
	got, err := extractDoc(src, "halting")
	want := "report loops that never end\n\nThe halting analyzer reports for loops without a condition or a break."
	if err != nil || got != want {
		t.Errorf("extractDoc = %q, %v; want %q", got, err, want)
	}
	for _, tc := range []struct{ name, src, err string }{
		{"other", src, `no "# Analyzer other" heading`},
		{"halting", "package halting\n", "no package doc comment"},
		{"halting", "// Package halting.\n//\n// # Analyzer halting\n//\n// It reports loops.\npackage halting\n", `not followed by "halting: summary"`},
		{"halting", "// Package halting.\n//\n// # Analyzer haltingx\n//\n// haltingx: x\npackage halting\n", `no "# Analyzer halting" heading`},
	} {
		if _, err := extractDoc(tc.src, tc.name); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("extractDoc(%q) error = %v, want %q", tc.name, err, tc.err)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("MustExtractDoc did not panic on a doc.go without the section")
		}
	}()
	MustExtractDoc("package halting\n", "halting")
}
