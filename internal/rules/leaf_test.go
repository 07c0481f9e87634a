package rules

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The catalog is a leaf: it imports no other keyless package than the
// embedded rules file (the secret engine registers gitleaks' rules with it,
// RegisterBaseSecrets, rather than the catalog importing their table).
func TestCatalogIsALeaf(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(path, "github.com/keyless-dev/keyless/") {
				t.Errorf("%s imports %s", name, path)
			}
		}
	}
}
