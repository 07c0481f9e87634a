package plugin

import (
	"strings"

	"golang.org/x/tools/go/analysis"
)

// skipTestFiles returns a copy of a whose diagnostics in _test.go files
// are dropped. The copy keeps a's name, flags, requirements and result
// type, so golangci-lint reports it exactly as a.
func skipTestFiles(a *analysis.Analyzer) *analysis.Analyzer {
	w := *a
	w.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		report := pass.Report
		p.Report = func(d analysis.Diagnostic) {
			if f := pass.Fset.File(d.Pos); f != nil && strings.HasSuffix(f.Name(), "_test.go") {
				return
			}
			report(d)
		}
		return a.Run(&p)
	}
	return &w
}
