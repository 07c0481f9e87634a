package keyauth_test

import (
	"go/ast"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keyless-dev/keyless/analyzers/keyauth"
)

// TestFixMessages: a fix's message says what a reviewer needs to know
// beyond the diff: one shared credential, hoisting, a fatal error path
// where the function has no other, a key flag kept because other code
// reads it.
func TestFixMessages(t *testing.T) {
	msgs := map[string][]string{} // enclosing function -> fix messages
	for _, r := range analysistest.Run(nopT{}, analysistest.TestData(), keyauth.Analyzer, "fixreview", "fixswap") {
		for _, d := range r.Diagnostics {
			name := ""
			for _, f := range r.Pass.Files {
				for _, decl := range f.Decls {
					if fd, ok := decl.(*ast.FuncDecl); ok && fd.Pos() <= d.Pos && d.Pos < fd.End() {
						name = r.Pass.Pkg.Path() + "." + fd.Name.Name
					}
				}
			}
			for _, fix := range d.SuggestedFixes {
				msgs[name] = append(msgs[name], fix.Message)
			}
		}
	}
	cases := []struct {
		fn, want string
		absent   bool
	}{
		{"fixreview.three", "one credential shared by the function's clients", false},
		{"fixreview.routes", "created once before the handler, loop or goroutine", false},
		{"fixreview.perAccount", "created once before the handler, loop or goroutine", false},
		{"fixreview.flagStillRead", "the -key2 flag stays: other code still reads it", false},
		{"fixreview.fromFlags", "flag stays", true},
		{"fixreview.withParam", "with the credential cred already in scope", false},
		{"fixreview.switched", "Remove the key branch", false},
		{"fixswap.init", "the function has no error path, so a credential error stops the program", false},
		{"fixswap.returnsError", "stops the program", true},
	}
	for _, c := range cases {
		got := msgs[c.fn]
		if len(got) == 0 {
			t.Errorf("%s: no fix", c.fn)
			continue
		}
		for _, m := range got {
			if strings.Contains(m, c.want) == c.absent {
				t.Errorf("%s: fix message %q, want it to %scontain %q", c.fn, m, map[bool]string{true: "not ", false: ""}[c.absent], c.want)
			}
		}
	}
}
