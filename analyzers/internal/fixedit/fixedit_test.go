package fixedit

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// load type-checks one file of package p (standard imports only).
func load(t *testing.T, src string) *File {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Scopes:     map[ast.Node]*types.Scope{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	return NewFile(fset, info, pkg, f, []byte(src), NewUses(info))
}

// apply applies edits to the file's source.
func apply(f *File, edits []analysis.TextEdit) string {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Pos < edits[j].Pos })
	var b strings.Builder
	last := 0
	for _, e := range edits {
		s, end := f.offset(e.Pos), f.offset(e.End)
		b.Write(f.Src[last:s])
		b.Write(e.NewText)
		last = end
	}
	b.Write(f.Src[last:])
	return b.String()
}

// mustCompile type-checks src.
func mustCompile(t *testing.T, src string) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, nil); err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
}

// find returns the first node of type T whose source starts with prefix.
func find[T ast.Node](f *File, prefix string) T {
	var out T
	found := false
	ast.Inspect(f.AST, func(n ast.Node) bool {
		if x, ok := n.(T); ok && !found && strings.HasPrefix(string(f.Src[f.offset(n.Pos()):]), prefix) {
			out, found = x, true
		}
		return !found
	})
	return out
}

const src = `package p

import (
	"fmt"
	"os"
	"time"
)

type local struct{ n int }

func results(k string) (int, string, *int, local, time.Time, []byte, error) {
	return 0, fmt.Sprint(k), nil, local{}, time.Time{}, nil, nil
}

func noError() {
	key := os.Getenv("KEY")
	use(key)
}

func use(string) {}

func two() {
	key := os.Getenv("KEY")
	use(key)
	use(key)
}
`

func TestZeroValue(t *testing.T) {
	f := load(t, src)
	fn := f.Pkg.Scope().Lookup("results").(*types.Func)
	res := fn.Type().(*types.Signature).Results()
	pos := find[*ast.ReturnStmt](f, "return").Pos()
	want := []string{"0", `""`, "nil", "local{}", "time.Time{}", "nil", "nil"}
	for i := 0; i < res.Len(); i++ {
		got, ok := f.ZeroValue(res.At(i).Type(), pos)
		if !ok || got != want[i] {
			t.Errorf("zero of %s = %q, %v; want %q", res.At(i).Type(), got, ok, want[i])
		}
	}
	// A struct type of a package the file does not import cannot be written.
	strings := types.NewPackage("strings", "strings")
	builder := types.NewNamed(types.NewTypeName(token.NoPos, strings, "Builder", nil), types.NewStruct(nil, nil), nil)
	if got, ok := f.ZeroValue(builder, pos); ok {
		t.Errorf("zero of strings.Builder = %q, want failure (not imported)", got)
	}
}

func TestImport(t *testing.T) {
	f := load(t, src)
	pos := find[*ast.ReturnStmt](f, "return").Pos()
	if name, edits, ok := f.Import("os", "os", pos); !ok || name != "os" || len(edits) != 0 {
		t.Errorf("existing import: %q %v %v", name, edits, ok)
	}
	name, edits, ok := f.Import("strings", "strings", pos)
	if !ok || name != "strings" || len(edits) != 1 {
		t.Fatalf("new import: %q %v %v", name, edits, ok)
	}
	// The same edit every time, for every fix of the file.
	_, again, _ := f.Import("strings", "strings", pos)
	if len(again) != 1 || again[0].Pos != edits[0].Pos || string(again[0].NewText) != string(edits[0].NewText) {
		t.Error("import edit differs between calls")
	}
	out := apply(f, edits)
	if !strings.Contains(out, "\t\"os\"\n\t\"strings\"\n\t\"time\"\n") {
		t.Errorf("import not placed in order:\n%s", out)
	}
	// A name written in the file gets a suffix.
	g := load(t, "package p\n\nimport \"fmt\"\n\nfunc f() { errors := 1; fmt.Println(errors) }\n")
	name, edits, ok = g.Import("errors", "errors", g.AST.Decls[1].Pos())
	if !ok || name != "errors2" {
		t.Fatalf("conflicting name: %q %v", name, ok)
	}
	mustCompile(t, apply(g, edits)+"\nvar _ = errors2.New\n")
}

func TestSiteAndHandler(t *testing.T) {
	f := load(t, src)
	call := find[*ast.CallExpr](f, "use(key)")
	site, ok := f.SiteOf(call)
	if !ok {
		t.Fatal("no site")
	}
	if h, ok := f.ErrHandler(site, "err"); !ok || h != "panic(err)" {
		t.Errorf("handler = %q, %v", h, ok)
	}
	ret := find[*ast.CallExpr](f, "fmt.Sprint(k)")
	site, _ = f.SiteOf(ret)
	if h, ok := f.ErrHandler(site, "err"); !ok || h != `return 0, "", nil, local{}, time.Time{}, nil, err` {
		t.Errorf("handler = %q, %v", h, ok)
	}
	if _, ok := f.SiteOf(find[*ast.GenDecl](f, "import")); ok {
		t.Error("site outside a function")
	}
}

// TestPlanCascade: replacing use(key) by use("") makes key unused, then
// os: both are deleted; in two(), each call alone keeps key alive, so
// the two fixes are merged into one shared fix.
func TestPlanCascade(t *testing.T) {
	f := load(t, src)
	mk := func(call *ast.CallExpr) *Candidate {
		arg := call.Args[0]
		return &Candidate{
			Edits:   []analysis.TextEdit{{Pos: arg.Pos(), End: arg.End(), NewText: []byte(`""`)}},
			Removed: []ast.Node{arg},
		}
	}
	var calls []*ast.CallExpr
	ast.Inspect(f.AST, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "use" {
				calls = append(calls, c)
			}
		}
		return true
	})
	if len(calls) != 3 {
		t.Fatalf("found %d use calls", len(calls))
	}
	one := mk(calls[0])
	f.Plan([]*Candidate{one}, nil)
	out := apply(f, one.Fix)
	if strings.Contains(out, `key := os.Getenv("KEY")`+"\n\tuse(\"\")") || strings.Count(out, "os.Getenv") != 1 {
		t.Errorf("key in noError not deleted:\n%s", out)
	}
	if !strings.Contains(out, `"os"`) {
		t.Errorf("os import deleted while two() still uses it:\n%s", out)
	}
	mustCompile(t, out)

	a, b := mk(calls[1]), mk(calls[2])
	f.Plan([]*Candidate{a, b}, nil)
	if a.Fix == nil || b.Fix == nil || len(a.Fix) != len(b.Fix) {
		t.Fatalf("merged fixes expected: %v / %v (%s %s)", a.Fix, b.Fix, a.Reason, b.Reason)
	}
	mustCompile(t, apply(f, a.Fix))

	all := []*Candidate{mk(calls[0]), mk(calls[1]), mk(calls[2])}
	f.Plan(all, nil)
	var edits []analysis.TextEdit
	seen := map[[2]token.Pos]bool{}
	for _, c := range all {
		mustCompile(t, apply(f, c.Fix))
		for _, e := range c.Fix {
			k := [2]token.Pos{e.Pos, e.End}
			if !seen[k] {
				seen[k] = true
				edits = append(edits, e)
			}
		}
	}
	out = apply(f, edits)
	if strings.Contains(out, `"os"`) {
		t.Errorf("os import kept after all fixes:\n%s", out)
	}
	mustCompile(t, out)
}

// TestPlanUnclean: a variable left unused whose declaration has effects
// blocks the fix.
func TestPlanUnclean(t *testing.T) {
	f := load(t, "package p\n\nfunc load() string { return \"\" }\n\nfunc use(string) {}\n\nfunc f() {\n\tk := load()\n\tuse(k)\n}\n")
	call := find[*ast.CallExpr](f, "use(k)")
	c := &Candidate{
		Edits:   []analysis.TextEdit{{Pos: call.Args[0].Pos(), End: call.Args[0].End(), NewText: []byte(`""`)}},
		Removed: []ast.Node{call.Args[0]},
	}
	f.Plan([]*Candidate{c}, nil)
	if c.Fix != nil || !strings.Contains(c.Reason, "variable k") {
		t.Errorf("fix = %v, reason = %q; want no fix naming k", c.Fix, c.Reason)
	}
}

func TestDefaultName(t *testing.T) {
	for path, want := range map[string]string{
		"github.com/Azure/azure-sdk-for-go/sdk/azidentity":          "azidentity",
		"github.com/openai/openai-go/v3/azure":                      "azure",
		"github.com/Azure/azure-sdk-for-go/sdk/data/azappconfig/v2": "azappconfig",
		"github.com/sashabaranov/go-openai":                         "openai",
	} {
		if got := DefaultName(path); got != want {
			t.Errorf("DefaultName(%q) = %q, want %q", path, got, want)
		}
	}
}
