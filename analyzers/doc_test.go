package analyzers_test

import (
	"go/doc"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/analyzers"
)

// Each analyzer's Doc comes from its package's doc.go: its first sentence
// is the package doc's ("Package x defines an Analyzer that <rule>."),
// and its URL is the package's documentation.
func TestAnalyzerDocs(t *testing.T) {
	for _, d := range analyzers.All {
		a := d.New(analyzers.Options{})
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(d.Name, "doc.go"), nil, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil {
			t.Fatal(err)
		}
		if f.Doc == nil {
			t.Errorf("%s: doc.go has no package doc", d.Name)
			continue
		}
		var p doc.Package
		intro := "Package " + d.Name + " defines an Analyzer that "
		pkgFirst := p.Synopsis(f.Doc.Text())
		rule, ok := strings.CutPrefix(pkgFirst, intro)
		if !ok {
			t.Errorf("%s: package doc begins %q, want %q…", d.Name, pkgFirst, intro)
			continue
		}
		if got, want := p.Synopsis(a.Doc), strings.TrimSuffix(rule, "."); got != want {
			t.Errorf("%s: Doc's first sentence\n\t%q\nis not doc.go's\n\t%q", d.Name, got, want)
		}
		if want := "https://pkg.go.dev/github.com/keyless-dev/keyless/analyzers/" + d.Name; a.URL != want {
			t.Errorf("%s: URL %q, want %q", d.Name, a.URL, want)
		}
	}
}
