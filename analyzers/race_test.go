package analyzers_test

// TestAnalyzersConcurrent runs every analyzer of analyzers.All, built once
// from one shared catalog, on many packages at once through
// checker.Analyze (parallel by default), the way golangci-lint and
// `keyless lint` drive them, and checks that the diagnostics and their
// fixes are exactly those of a sequential run. `.ci/run` runs it under
// the race detector (go test -race -run TestAnalyzersConcurrent
// ./analyzers/), which turns any shared mutable state in an analyzer
// (lazily built engines, caches, the catalog) into a failure.
//
// Packages: the GOPATH-mode testdata of the analyzers (with their SDK
// stubs) and a generated module: the secret corpus of
// internal/secrets/corpus (keys computed at run time) copied into several
// packages, plus packages mixing ignore comments and secrets.

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/keyless-dev/keyless/analyzers"
	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/secrets/corpus"
)

const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
	packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule

// gopathPackages loads every top-level package of an analyzer's
// testdata/src in GOPATH mode, as analysistest does. Directories whose
// first element holds a dot (github.com, example.com) are SDK stubs,
// loaded as dependencies.
func gopathPackages(t *testing.T, analyzer string) []*packages.Package {
	t.Helper()
	root, err := filepath.Abs(filepath.Join(analyzer, "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join(root, "src"))
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for _, e := range entries {
		if e.IsDir() && !strings.Contains(e.Name(), ".") {
			patterns = append(patterns, e.Name()+"/...")
		}
	}
	cfg := &packages.Config{
		Mode:  loadMode,
		Dir:   filepath.Join(root, "src"),
		Tests: true,
		Env:   append(os.Environ(), "GOPATH="+root, "GO111MODULE=off", "GOPROXY=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatalf("loading %s testdata: %v", analyzer, err)
	}
	return pkgs
}

// generatedModule writes a module with copies secrets packages of the
// secret corpus plus packages with ignore comments, and loads it.
func generatedModule(t *testing.T, copies int) []*packages.Package {
	t.Helper()
	dir := t.TempDir()
	c := corpus.Build(20260214, 1)
	files := map[string]string{}
	for name, text := range c.Files {
		if !strings.HasPrefix(name, "app/") {
			files[name] = text
			continue
		}
		for i := 0; i < copies; i++ {
			files[fmt.Sprintf("app%d/%s", i, strings.TrimPrefix(name, "app/"))] = text
		}
	}
	g := corpus.New(20260215)
	for i := 0; i < copies; i++ {
		files[fmt.Sprintf("ignores%d/ignores.go", i)] = fmt.Sprintf(`package ignores

//keyless:ignore hardcodedsecret/azure-openai-key -- fixture for the race test
const suppressed = %q

//keyless:ignore hardcodedsecret/azure-openai-key
const noReason = %q

//keyless:ignore nosuch/rule -- unknown rule
var unknown = %q

const token = %q
`, g.OpenAIKey(), g.OpenAIKey(), "plain", g.GitHubPAT())
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := &packages.Config{Mode: loadMode, Dir: dir, Tests: true,
		Env: append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod", "GOWORK=off")}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatalf("loading the generated module: %v", err)
	}
	return pkgs
}

// diagnostics flattens a run's root diagnostics (with their fixes) to
// sorted strings; errors of ill-typed packages are part of the result.
func diagnostics(t *testing.T, g *checker.Graph) []string {
	t.Helper()
	var out []string
	for _, act := range g.Roots {
		if act.Err != nil {
			out = append(out, fmt.Sprintf("%s\t%s\terror: %v", act.Package.ID, act.Analyzer.Name, act.Err))
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			s := fmt.Sprintf("%s\t%s\t%s-%s [%s] %s", act.Package.ID, act.Analyzer.Name,
				fset.Position(d.Pos), fset.Position(d.End), d.Category, d.Message)
			for _, f := range d.SuggestedFixes {
				s += " | fix " + f.Message
				for _, e := range f.TextEdits {
					s += fmt.Sprintf(" {%s-%s %q}", fset.Position(e.Pos), fset.Position(e.End), e.NewText)
				}
			}
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func TestAnalyzersConcurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and analyzes many packages")
	}
	copies := 6
	var pkgs []*packages.Package
	for _, a := range []string{"broadrole", "ignorecheck", "keyauth"} {
		pkgs = append(pkgs, gopathPackages(t, a)...)
	}
	pkgs = append(pkgs, generatedModule(t, copies)...)
	if len(pkgs) < 30 {
		t.Fatalf("only %d packages loaded", len(pkgs))
	}

	cat := rules.Default()
	build := func() []*analysis.Analyzer {
		var as []*analysis.Analyzer
		for _, d := range analyzers.All {
			as = append(as, d.New(analyzers.Options{Catalog: cat, KeepSuppressed: true}))
		}
		return as
	}
	shared := build()

	// Parallel first, on fresh analyzers: whatever an analyzer builds
	// lazily (the secret engine, catalog indexes) is built under
	// contention.
	g, err := checker.Analyze(shared, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	parallel := diagnostics(t, g)

	g, err = checker.Analyze(build(), pkgs, &checker.Options{Sequential: true})
	if err != nil {
		t.Fatal(err)
	}
	sequential := diagnostics(t, g)

	// The same analyzer instances again, now warm.
	g, err = checker.Analyze(shared, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	again := diagnostics(t, g)

	perAnalyzer := map[string]int{}
	for _, s := range sequential {
		perAnalyzer[strings.Split(s, "\t")[1]]++
	}
	t.Logf("%d packages, %d diagnostics %v", len(pkgs), len(sequential), perAnalyzer)
	for _, d := range analyzers.All {
		if perAnalyzer[d.Name] == 0 {
			t.Errorf("analyzer %s reported nothing: the packages do not exercise it", d.Name)
		}
	}
	compare(t, "parallel (cold)", parallel, sequential)
	compare(t, "parallel (warm)", again, sequential)
}

func compare(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") == strings.Join(want, "\n") {
		return
	}
	have := map[string]int{}
	for _, s := range got {
		have[s]++
	}
	for _, s := range want {
		have[s]--
	}
	n := 0
	for s, c := range have {
		if c != 0 && n < 20 {
			t.Errorf("%s run differs from the sequential run (%+d): %s", what, c, s)
			n++
		}
	}
}
