package keyauth_test

import (
	"fmt"
	"os"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keyless-dev/keyless/analyzers/keyauth"
)

func TestDbg(t *testing.T) {
	pkg := os.Getenv("DBG_PKG")
	if pkg == "" {
		t.Skip()
	}
	for _, r := range analysistest.Run(nopT{}, analysistest.TestData(), keyauth.Analyzer, pkg) {
		for _, d := range r.Diagnostics {
			fmt.Println(r.Pass.Fset.Position(d.Pos), d.Message, len(d.SuggestedFixes))
		}
	}
}

type nopT struct{}

func (nopT) Errorf(string, ...any) {}
