package keyauth_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/packages"

	"github.com/keyless-dev/keyless/internal/fixreview"
)

// fileEdit is one edit in byte offsets.
type fileEdit struct {
	start, end int
	text       string
}

// fixesOf returns, per file, the edits of each diagnostic's single fix.
func fixesOf(t *testing.T, results []*analysistest.Result) map[string][][]fileEdit {
	t.Helper()
	out := map[string][][]fileEdit{}
	for _, r := range results {
		fset := r.Pass.Fset
		for _, d := range r.Diagnostics {
			if len(d.SuggestedFixes) > 1 {
				t.Errorf("%s: %d fixes, want at most one", fset.Position(d.Pos), len(d.SuggestedFixes))
			}
			for _, fix := range d.SuggestedFixes {
				byFile := map[string][]fileEdit{}
				for _, e := range fix.TextEdits {
					tf := fset.File(e.Pos)
					byFile[tf.Name()] = append(byFile[tf.Name()], fileEdit{tf.Offset(e.Pos), tf.Offset(e.End), string(e.NewText)})
				}
				for name, es := range byFile {
					out[name] = append(out[name], es)
				}
			}
		}
	}
	return out
}

// apply applies edits (sorted, identical ones coalesced, as drivers do);
// an overlap is an error.
func apply(src []byte, edits []fileEdit) ([]byte, error) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].start != edits[j].start {
			return edits[i].start < edits[j].start
		}
		if edits[i].end != edits[j].end {
			return edits[i].end < edits[j].end
		}
		return edits[i].text < edits[j].text
	})
	var uniq []fileEdit
	for _, e := range edits {
		if n := len(uniq); n > 0 && uniq[n-1] == e {
			continue
		}
		uniq = append(uniq, e)
	}
	var b bytes.Buffer
	last := 0
	for _, e := range uniq {
		if e.start < last {
			return nil, fmt.Errorf("overlapping edits at offset %d", e.start)
		}
		b.Write(src[last:e.start])
		b.WriteString(e.text)
		last = e.end
	}
	b.Write(src[last:])
	return b.Bytes(), nil
}

var (
	loadMu sync.Mutex
	loaded = map[string]map[string]*packages.Package{} // GOPATH dir -> path -> package
)

// gopathPackages loads (once) every package of the GOPATH at dir.
func gopathPackages(t *testing.T, dir string) map[string]*packages.Package {
	t.Helper()
	loadMu.Lock()
	defer loadMu.Unlock()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m := loaded[abs]; m != nil {
		return m
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedTypes |
			packages.NeedDeps | packages.NeedImports,
		Dir: filepath.Join(abs, "src"),
		Env: append(os.Environ(), "GOPATH="+abs, "GO111MODULE=off", "GOPROXY=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatalf("loading %s: %v", dir, err)
	}
	m := map[string]*packages.Package{}
	packages.Visit(pkgs, nil, func(p *packages.Package) { m[p.PkgPath] = p })
	loaded[abs] = m
	return m
}

type mapImporter map[string]*packages.Package

func (m mapImporter) Import(path string) (*types.Package, error) {
	if p := m[path]; p != nil && p.Types != nil {
		return p.Types, nil
	}
	return nil, fmt.Errorf("package %q not in testdata", path)
}

// typeCheck type-checks pkg with the files in overlay replaced, against
// the already loaded dependencies, and returns its errors.
func typeCheck(t *testing.T, dir, pkg string, overlay map[string][]byte) []string {
	t.Helper()
	all := gopathPackages(t, dir)
	p := all[pkg]
	if p == nil {
		t.Fatalf("package %s not found in %s", pkg, dir)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	var errs []string
	for _, name := range p.CompiledGoFiles {
		src, ok := overlay[name]
		if !ok {
			var err error
			if src, err = os.ReadFile(name); err != nil {
				t.Fatal(err)
			}
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		files = append(files, f)
	}
	conf := types.Config{
		Importer: mapImporter(all),
		Error:    func(err error) { errs = append(errs, err.Error()) },
	}
	conf.Check(pkg, fset, files, nil)
	return errs
}

// runFixes runs a on pkg with RunWithSuggestedFixes (diagnostics, facts
// and .golden files checked), then applies every fix alone, and all fixes
// of each file together, and type-checks the package each time; the
// .golden files are type-checked as the package too.
func runFixes(t *testing.T, dir string, a *analysis.Analyzer, pkgs ...string) {
	t.Helper()
	var results []*analysistest.Result
	if os.Getenv("KEYAUTH_WRITE_GOLDEN") != "" {
		results = analysistest.Run(t, dir, a, pkgs...)
	} else {
		results = analysistest.RunWithSuggestedFixes(t, dir, a, pkgs...)
	}
	for _, pkg := range pkgs {
		var mine []*analysistest.Result
		for _, r := range results {
			if r.Pass.Pkg.Path() == pkg {
				mine = append(mine, r)
			}
		}
		t.Run(pkg, func(t *testing.T) { checkFixesCompile(t, dir, pkg, mine) })
	}
}

// checkFixesCompile is the compile part of runFixes. It returns the
// all-fixes output per file.
func checkFixesCompile(t *testing.T, dir, pkg string, results []*analysistest.Result) map[string][]byte {
	t.Helper()
	fixes := fixesOf(t, results)
	if len(fixes) == 0 {
		t.Fatalf("%s: no fixes", pkg)
	}
	all := map[string][]byte{}
	for name, list := range fixes {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, edits := range list {
			out, err := apply(src, append([]fileEdit(nil), edits...))
			if err != nil {
				t.Errorf("%s: fix %d alone: %v", name, i, err)
				continue
			}
			if errs := typeCheck(t, dir, pkg, map[string][]byte{name: out}); len(errs) > 0 {
				t.Errorf("%s: fix %d alone does not compile:\n%s\n--- result:\n%s", name, i, strings.Join(errs, "\n"), out)
			}
			if _, err := format.Source(out); err != nil {
				t.Errorf("%s: fix %d alone is not valid Go: %v", name, i, err)
			}
		}
		var merged []fileEdit
		for _, edits := range list {
			merged = append(merged, edits...)
		}
		out, err := apply(src, merged)
		if err != nil {
			t.Errorf("%s: all fixes: %v", name, err)
			continue
		}
		all[name] = out
		// The reviewer's checklist, on the file with all fixes applied.
		probs, err := fixreview.Check(src, out)
		if err != nil {
			t.Errorf("%s: reviewing the fixes: %v", name, err)
		}
		for _, p := range probs {
			t.Errorf("%s: a reviewer would send this fix back: %s", name, p)
		}
	}
	if errs := typeCheck(t, dir, pkg, all); len(errs) > 0 {
		var b strings.Builder
		for name, out := range all {
			fmt.Fprintf(&b, "--- %s\n%s\n", name, out)
		}
		t.Errorf("%s: all fixes together do not compile:\n%s\n%s", pkg, strings.Join(errs, "\n"), b.String())
	}
	// The golden files, as a package, must type-check too.
	golden := map[string][]byte{}
	for name := range fixes {
		g, err := os.ReadFile(name + ".golden")
		if err != nil {
			continue
		}
		golden[name] = g
	}
	if len(golden) > 0 {
		if errs := typeCheck(t, dir, pkg, golden); len(errs) > 0 {
			t.Errorf("%s: golden files do not compile:\n%s", pkg, strings.Join(errs, "\n"))
		}
	}
	if os.Getenv("KEYAUTH_DUMP") != "" {
		for name, out := range all {
			fmt.Printf("=== %s\n%s", name, out)
		}
	}
	// KEYAUTH_WRITE_GOLDEN=1 (re)writes the golden files from the
	// current fixes; review the diff before committing.
	if os.Getenv("KEYAUTH_WRITE_GOLDEN") != "" {
		for name, out := range all {
			if f, err := format.Source(out); err == nil {
				out = f
			}
			if err := os.WriteFile(name+".golden", out, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return all
}

// nopT discards analysistest's errors, for runs that only collect
// results.
type nopT struct{}

func (nopT) Errorf(string, ...any) {}
