package plugin_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/keyless-dev/keyless/internal/secrets/corpus"
)

// findings runs the plugin's analyzers, as built from conf, on a module
// and returns "file rule-id" for each diagnostic.
func findings(t *testing.T, conf map[string]any, dir string) []string {
	t.Helper()
	p, err := newPlugin(t, conf)
	if err != nil {
		t.Fatal(err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Tests: true}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("test module does not load")
	}
	g, err := checker.Analyze(as, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var out []string
	for act := range g.All() {
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			f := filepath.Base(act.Package.Fset.File(d.Pos).Name())
			k := f + " " + d.Category
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	slices.Sort(out)
	return out
}

// secrets-in-tests: false drops hardcodedsecret findings in _test.go files.
func TestTestsSetting(t *testing.T) {
	if !slices.Contains(analyzersNames(), "hardcodedsecret") {
		t.Skip("hardcodedsecret is not registered yet")
	}
	keys := corpus.New(11)
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/sec\n\ngo 1.22\n")
	write("sec.go", "package sec\n\nconst key = \""+keys.OpenAIKey()+"\"\n\nfunc K() string { return key }\n")
	write("sec_test.go", "package sec\n\nconst testKey = \""+keys.OpenAIKey()+"\"\n")

	all := findings(t, nil, dir)
	var inSrc, inTest bool
	for _, f := range all {
		inSrc = inSrc || strings.HasPrefix(f, "sec.go hardcodedsecret/")
		inTest = inTest || strings.HasPrefix(f, "sec_test.go hardcodedsecret/")
	}
	if !inSrc || !inTest {
		t.Fatalf("default settings: want hardcodedsecret findings in sec.go and sec_test.go, got %q", all)
	}
	off := findings(t, map[string]any{"secrets-in-tests": false}, dir)
	for _, f := range off {
		if strings.HasPrefix(f, "sec_test.go hardcodedsecret/") {
			t.Errorf("secrets-in-tests: false still reports %s", f)
		}
	}
	if !slices.ContainsFunc(off, func(f string) bool { return strings.HasPrefix(f, "sec.go hardcodedsecret/") }) {
		t.Errorf("secrets-in-tests: false dropped the finding in sec.go: %q", off)
	}
}
