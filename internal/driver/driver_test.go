package driver

import (
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"
)

// The tests drive a small module through a fact-carrying analyzer,
// "keyuse": a function that passes one of its parameters to sink.Key
// (directly or through another such function) gets a fact, and every
// call to sink.Key or to a function with the fact is reported.

// keyFact marks a function that passes its parameter Index to sink.Key.
type keyFact struct{ Index int }

func (*keyFact) AFact()           {}
func (f *keyFact) String() string { return fmt.Sprintf("key arg %d", f.Index) }

var keyuse = &analysis.Analyzer{
	Name:      "keyuse",
	Doc:       "report calls that pass a key to sink.Key, directly or through wrappers",
	FactTypes: []analysis.Fact{new(keyFact)},
	Run:       runKeyuse,
}

func runKeyuse(pass *analysis.Pass) (any, error) {
	keyIndex := func(fn *types.Func) (int, bool) {
		if fn.Pkg() != nil && fn.Pkg().Path() == "example.com/m/sink" && fn.Name() == "Key" {
			return 0, true
		}
		var f keyFact
		if pass.ImportObjectFact(fn, &f) {
			return f.Index, true
		}
		return 0, false
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			self := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			params := self.Signature().Params()
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				callee := typeutil.StaticCallee(pass.TypesInfo, call)
				if callee == nil {
					return true
				}
				i, ok := keyIndex(callee)
				if !ok || i >= len(call.Args) {
					return true
				}
				pass.Reportf(call.Pos(), "key passed to %s", callee.Name())
				if id, ok := call.Args[i].(*ast.Ident); ok {
					for j := 0; j < params.Len(); j++ {
						if pass.TypesInfo.Uses[id] == params.At(j) {
							pass.ExportObjectFact(self, &keyFact{Index: j})
						}
					}
				}
				return true
			})
		}
	}
	return nil, nil
}

// testModule writes the module: sink (the "cataloged" package), wrap
// (wrappers of sink.Key), app (calls the wrappers), plain (imports no
// sink: checked without bodies).
func testModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":         "module example.com/m\n\ngo 1.26\n",
		"sink/sink.go":   "package sink\n\nfunc Key(k string) {}\n",
		"plain/p.go":     "package plain\n\nimport \"strings\"\n\nfunc Upper(s string) string { return strings.ToUpper(s) }\n",
		"wrap/wrap.go":   "package wrap\n\nimport \"example.com/m/sink\"\n\nfunc Open(endpoint, key string) { sink.Key(key) }\n\nfunc Deep(key string) { Open(\"e\", key) }\n",
		"app/app.go":     "package app\n\nimport (\n\t\"example.com/m/plain\"\n\t\"example.com/m/wrap\"\n)\n\nfunc Run() {\n\twrap.Open(\"e\", plain.Upper(\"k\"))\n\twrap.Deep(\"k\")\n}\n",
		"app/other.go":   "package app\n\nfunc helper() {}\n",
		"wrap/x_test.go": "package wrap\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) { Deep(\"k\") }\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func load(t *testing.T, dir string, mode packages.LoadMode, patterns ...string) []*packages.Package {
	t.Helper()
	cfg := &packages.Config{Mode: mode, Dir: dir, Env: append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off")}
	load := packages.Load
	if mode == LoadMode {
		load = Load
	}
	pkgs, err := load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			t.Fatalf("%s: %v", p.ID, p.Errors)
		}
	}
	return pkgs
}

// report renders a graph as the lint reports it: the JSON tree.
func report(t *testing.T, g *Graph) string {
	t.Helper()
	var b strings.Builder
	if err := g.PrintJSON(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func analyze(t *testing.T, dir string, c *Cache, salt string, patterns ...string) (string, Stats) {
	t.Helper()
	var st Stats
	g, err := Analyze([]*analysis.Analyzer{keyuse}, load(t, dir, LoadMode, patterns...), &Config{
		Cache: c, Salt: []byte(salt), Stats: &st,
		Scope: func(p string) bool { return p == "example.com/m/sink" },
	})
	if err != nil {
		t.Fatal(err)
	}
	return report(t, g), st
}

// fromSource is the x/tools checker on packages loaded from source: the
// reference every run of the driver must equal.
func fromSource(t *testing.T, dir string, patterns ...string) string {
	t.Helper()
	cg, err := checker.Analyze([]*analysis.Analyzer{keyuse}, load(t, dir, packages.LoadAllSyntax, patterns...), nil)
	if err != nil {
		t.Fatal(err)
	}
	return report(t, FromChecker(cg))
}

func openTestCache(t *testing.T) *Cache {
	t.Helper()
	c, err := OpenCache(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMatchesCheckerColdAndWarm(t *testing.T) {
	dir := testModule(t)
	want := fromSource(t, dir, "./app")
	if !strings.Contains(want, "key passed to Open") || !strings.Contains(want, "key passed to Deep") {
		t.Fatalf("the reference lacks the cross-package wrapper findings:\n%s", want)
	}
	c := openTestCache(t)
	for i, name := range []string{"no cache", "cold", "warm"} {
		cache := c
		if i == 0 {
			cache = nil
		}
		got, st := analyze(t, dir, cache, "s", "./app")
		if got != want {
			t.Errorf("%s: driver report differs from checker's\ngot:\n%s\nwant:\n%s", name, got, want)
		}
		switch name {
		case "cold":
			if st.Hits != 0 || st.Written == 0 {
				t.Errorf("cold run: %+v, want no hits and entries written", st)
			}
		case "warm":
			if st.Misses != 0 || st.Hits == 0 || st.RootHits != st.Roots {
				t.Errorf("warm run: %+v, want every dependency and the root's results from the cache", st)
			}
		}
	}
	// Roots with their tests, where wrap's test variant is a root.
	want = fromSource(t, dir, "./...")
	got, _ := analyze(t, dir, c, "s", "./...")
	if got != want {
		t.Errorf("./...: driver report differs from checker's\ngot:\n%s\nwant:\n%s", got, want)
	}
}

func TestInvalidatedByDependencySource(t *testing.T) {
	dir := testModule(t)
	c := openTestCache(t)
	before, _ := analyze(t, dir, c, "s", "./app")
	if !strings.Contains(before, "key passed to Deep") {
		t.Fatalf("no wrapper finding:\n%s", before)
	}
	// Deep stops passing its key on: app's call is no longer a finding.
	src := "package wrap\n\nimport \"example.com/m/sink\"\n\nfunc Open(endpoint, key string) { sink.Key(key) }\n\nfunc Deep(key string) { Open(\"e\", \"literal\") }\n"
	if err := os.WriteFile(filepath.Join(dir, "wrap", "wrap.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	after, st := analyze(t, dir, c, "s", "./app")
	if st.RootHits != 0 {
		t.Errorf("the root's results were served after a dependency changed: %+v", st)
	}
	if strings.Contains(after, "key passed to Deep") {
		t.Errorf("stale fact from the cache: Deep still reported after its source changed\n%s", after)
	}
	if st.Misses == 0 {
		t.Errorf("the changed dependency was not recomputed: %+v", st)
	}
	if want := fromSource(t, dir, "./app"); after != want {
		t.Errorf("after the change: got\n%s\nwant\n%s", after, want)
	}
}

func TestInvalidatedBySalt(t *testing.T) {
	dir := testModule(t)
	c := openTestCache(t)
	analyze(t, dir, c, "keyless build 1, rules A", "./app")
	_, st := analyze(t, dir, c, "keyless build 1, rules A", "./app")
	if st.Misses != 0 {
		t.Fatalf("same salt: %+v, want all hits", st)
	}
	// Another executable or rules file: nothing of the old run is used.
	_, st = analyze(t, dir, c, "keyless build 2, rules A", "./app")
	if st.Hits != 0 {
		t.Errorf("new salt: %+v, want no hits", st)
	}
}

func TestCorruptEntriesAreRecomputed(t *testing.T) {
	dir := testModule(t)
	c := openTestCache(t)
	want, _ := analyze(t, dir, c, "s", "./app")
	var entries []string
	filepath.WalkDir(c.Dir(), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, "-p") {
			entries = append(entries, p)
		}
		return nil
	})
	if len(entries) == 0 {
		t.Fatal("no cache entries written")
	}
	for i, p := range entries {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		switch i % 3 {
		case 0: // a flipped bit in the payload
			data[len(data)-1] ^= 1
		case 1: // truncated
			data = data[:len(data)/2]
		case 2: // garbage
			data = []byte("not an entry")
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, st := analyze(t, dir, c, "s", "./app")
	if got != want {
		t.Errorf("after corruption: got\n%s\nwant\n%s", got, want)
	}
	if st.Hits != 0 {
		t.Errorf("corrupt entries were used: %+v", st)
	}
	if _, st = analyze(t, dir, c, "s", "./app"); st.Misses != 0 {
		t.Errorf("corrupt entries were not rewritten: %+v", st)
	}
}

// A valid entry whose export data does not decode (as if written by a
// buggy or foreign keyless under the same key) is recomputed too.
func TestUndecodableEntryIsRecomputed(t *testing.T) {
	dir := testModule(t)
	c := openTestCache(t)
	want, _ := analyze(t, dir, c, "s", "./app")
	n := 0
	filepath.WalkDir(c.Dir(), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, "-p") {
			var key [32]byte
			b, err := hex.DecodeString(strings.TrimSuffix(filepath.Base(p), "-p"))
			if err != nil || copy(key[:], b) != len(key) {
				t.Fatalf("entry name %s", p)
			}
			if c.Put(key, []byte{5, 'j', 'u', 'n', 'k', '!', 1, 2, 3}) == nil {
				n++
			}
		}
		return nil
	})
	if n == 0 {
		t.Fatal("no entries")
	}
	got, st := analyze(t, dir, c, "s", "./app")
	if got != want || st.Misses == 0 {
		t.Errorf("undecodable entries: %+v\ngot\n%s\nwant\n%s", st, got, want)
	}
	// Recomputed entries were written back.
	got, st = analyze(t, dir, c, "s", "./app")
	if got != want || st.Misses != 0 || st.RootHits != 1 {
		t.Errorf("after recomputing undecodable entries: %+v\ngot\n%s\nwant\n%s", st, got, want)
	}
}

func TestConcurrentRunsShareOneCache(t *testing.T) {
	dir := testModule(t)
	c := openTestCache(t)
	want := fromSource(t, dir, "./...")
	const runs = 4
	got := make([]string, runs)
	var wg sync.WaitGroup
	for i := range runs {
		wg.Go(func() {
			// Separate Cache values on one directory, as separate
			// processes have.
			ci, err := OpenCache(c.Dir(), 0)
			if err != nil {
				t.Error(err)
				return
			}
			got[i], _ = analyze(t, dir, ci, "s", "./...")
		})
	}
	wg.Wait()
	for i, g := range got {
		if g != want {
			t.Errorf("run %d: got\n%s\nwant\n%s", i, g, want)
		}
	}
	if _, st := analyze(t, dir, c, "s", "./..."); st.Misses != 0 {
		t.Errorf("after concurrent runs: %+v, want every dependency cached", st)
	}
	matches, _ := filepath.Glob(filepath.Join(c.Dir(), "*", ".tmp-*"))
	if len(matches) > 0 {
		t.Errorf("temporary files left: %v", matches)
	}
}

// Scope: a dependency that imports no scope package, directly or not,
// is checked without function bodies unless it is first-party (the test
// module is the main module, so its packages all are); one that does,
// with them.
func TestScopeSkipsBodies(t *testing.T) {
	dir := testModule(t)
	pkgs := load(t, dir, LoadMode, "./app")
	all, _ := buildGraph(pkgs, func(p string) bool { return p == "example.com/m/sink" })
	scope := map[string]bool{}
	for _, n := range all {
		scope[n.pkg.PkgPath] = n.inScope
	}
	for path, want := range map[string]bool{"example.com/m/wrap": true, "example.com/m/app": true, "example.com/m/plain": true, "strings": false, "example.com/m/sink": true, "unicode": false} {
		if scope[path] != want {
			t.Errorf("%s: in scope %v, want %v", path, scope[path], want)
		}
	}
	if !slices.ContainsFunc(all, func(n *node) bool { return n.pkg.PkgPath == "unsafe" }) {
		t.Log("no unsafe in the graph")
	}
}

func TestPrune(t *testing.T) {
	c, err := OpenCache(t.TempDir(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		c.Put([32]byte{byte(i)}, make([]byte, 300))
	}
	c.Prune()
	total := int64(0)
	filepath.WalkDir(c.Dir(), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				total += fi.Size()
			}
		}
		return nil
	})
	if total > 1000 {
		t.Errorf("cache holds %d bytes after Prune, bound 1000", total)
	}
	if _, ok := c.Get([32]byte{9}); !ok {
		t.Error("the newest entry was pruned")
	}
}

// Entries written by a run whose analyzers declared no facts (keyauth
// turned off, a load-only run) hold no facts and must not serve a run
// that needs them.
func TestEntriesKeyedByFactAnalyzers(t *testing.T) {
	dir := testModule(t)
	c := openTestCache(t)
	noFacts := &analysis.Analyzer{Name: "nofacts", Doc: "nothing", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	if _, err := Analyze([]*analysis.Analyzer{noFacts}, load(t, dir, LoadMode, "./app"), &Config{Cache: c, Salt: []byte("s")}); err != nil {
		t.Fatal(err)
	}
	got, st := analyze(t, dir, c, "s", "./app")
	if want := fromSource(t, dir, "./app"); got != want {
		t.Errorf("after a run without fact analyzers: got\n%s\nwant\n%s", got, want)
	}
	if st.Hits != 0 {
		t.Errorf("entries without facts served a run with facts: %+v", st)
	}
}

// A root whose results come from the cache still gives its types and
// facts to another root that changed.
func TestChangedRootUsesCachedRootsFacts(t *testing.T) {
	dir := testModule(t)
	c := openTestCache(t)
	analyze(t, dir, c, "s", "./...")
	if err := os.WriteFile(filepath.Join(dir, "app", "other.go"), []byte("package app\n\nfunc helper() {}\n\nfunc more() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, st := analyze(t, dir, c, "s", "./...")
	if st.RootHits == 0 || st.RootHits == st.Roots {
		t.Errorf("want some roots from the cache and app from source: %+v", st)
	}
	if want := fromSource(t, dir, "./..."); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if !strings.Contains(got, "key passed to Deep") {
		t.Errorf("app lost the wrapper finding:\n%s", got)
	}
}

// funcNames has a Result (the names of a package's functions), as keyless
// infra's use analyzer has: a root whose results come from the cache must
// carry the same Result as one analysed from source.
var funcNames = &analysis.Analyzer{
	Name:       "funcnames",
	Doc:        "the names of the package's functions",
	ResultType: reflect.TypeFor[[]string](),
	Run: func(pass *analysis.Pass) (any, error) {
		var names []string
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					names = append(names, pass.Pkg.Path()+"."+fd.Name.Name)
				}
			}
		}
		return names, nil
	},
}

func TestRootResultsFromCache(t *testing.T) {
	dir := testModule(t)
	c := openTestCache(t)
	results := func() (string, Stats) {
		var st Stats
		g, err := Analyze([]*analysis.Analyzer{keyuse, funcNames}, load(t, dir, LoadMode, "./..."), &Config{Cache: c, Salt: []byte("s"), Stats: &st})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, act := range g.Roots {
			if act.Analyzer == funcNames {
				names, _ := act.Result.([]string)
				got = append(got, act.Package.ID+": "+strings.Join(names, " "))
			}
		}
		slices.Sort(got)
		return strings.Join(got, "\n"), st
	}
	cold, _ := results()
	warm, st := results()
	if st.RootHits == 0 {
		t.Fatalf("no root results came from the cache: %+v", st)
	}
	if warm != cold || !strings.Contains(cold, "example.com/m/wrap.Deep") {
		t.Errorf("results from the cache:\n%s\nfrom source:\n%s", warm, cold)
	}
}
