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
	return loadWith(t, src, true)
}

func loadWith(t *testing.T, src string, strict bool) *File {
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
	if !strict {
		conf.Error = func(error) {}
	}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, info)
	if err != nil && strict {
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

// Import places a new spec in every import layout a file can have.
func TestImportLayouts(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"no imports", "package p\n\nvar x = 1\n", "package p\n\nimport \"example.com/to\"\n\nvar x = 1\n"},
		{"one unparenthesized import", "package p\n\nimport \"fmt\"\n\nvar _ = fmt.Sprint\n", "package p\n\nimport \"fmt\"\nimport \"example.com/to\"\n\nvar _ = fmt.Sprint\n"},
		{"empty block", "package p\n\nimport (\n)\n", "package p\n\nimport (\n\t\"example.com/to\"\n)\n"},
		{"before a later non-standard import", "package p\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/zz\"\n)\n", "package p\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/to\"\n\t\"example.com/zz\"\n)\n"},
		// In sorted place, as gofmt keeps a group (not appended after
		// the last spec, which gofmt would reorder).
		{"only standard imports", "package p\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n", "package p\n\nimport (\n\t\"example.com/to\"\n\t\"fmt\"\n\t\"os\"\n)\n"},
		{"after a commented last import", "package p\n\nimport (\n\t\"example.com/a\" // a\n)\n", "package p\n\nimport (\n\t\"example.com/a\" // a\n\t\"example.com/to\"\n)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := loadUnchecked(t, tc.src)
			name, edits, ok := f.Import("example.com/to", "to", f.AST.Name.End())
			if !ok || name != "to" {
				t.Fatalf("Import = %q, %v", name, ok)
			}
			if got := apply(f, edits); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
	// A name written in the file (a local variable named to) gets a
	// suffix instead of no fix.
	f := load(t, "package p\n\nfunc f() { to := 1; _ = to }\n")
	pos := find[*ast.AssignStmt](f, "to := 1").Pos()
	if name, _, ok := f.Import("example.com/to", "to", pos); !ok || name != "to2" {
		t.Errorf("Import next to a variable named to = %q, %v; want to2", name, ok)
	}
}

// loadUnchecked is load tolerating type errors (imports that do not
// resolve).
func loadUnchecked(t *testing.T, src string) *File {
	t.Helper()
	return loadWith(t, src, false)
}

// AppendElement follows the literal's layout.
func TestAppendElement(t *testing.T) {
	for _, tc := range []struct{ name, lit, want string }{
		{"one line", "T{A: 1}", "T{A: 1, B: 2}"},
		{"empty", "T{}", "T{B: 2}"},
		{"one element per line", "T{\n\t\tA: 1,\n\t}", "T{\n\t\tA: 1,\n\t\tB: 2,\n\t}"},
		{"empty on two lines", "T{\n\t}", "T{\n\t\tB: 2,\n\t}"},
		{"last element on the closing line", "T{\n\t\tA: 1}", "T{\n\t\tA: 1, B: 2}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "package p\n\ntype T struct{ A, B int }\n\nfunc f() T {\n\treturn " + tc.lit + "\n}\n"
			f := load(t, src)
			e, ok := f.AppendElement(find[*ast.CompositeLit](f, "T{"), "B: 2")
			if !ok {
				t.Fatal("no edit")
			}
			got := apply(f, []analysis.TextEdit{e})
			if want := strings.Replace(src, tc.lit, tc.want, 1); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
			mustCompile(t, got)
		})
	}
	// A closing brace after a comment leaves no line to indent from.
	f := load(t, "package p\n\ntype T struct{ A, B int }\n\nvar x = T{\n\tA: 1,\n/* c */ }\n")
	if _, ok := f.AppendElement(find[*ast.CompositeLit](f, "T{"), "B: 2"); ok {
		t.Error("AppendElement edited a literal whose closing brace follows a comment")
	}
}

// Files reads each file once and gives no File for a source that is not
// the one type-checked (edited since), nor without file access.
func TestFiles(t *testing.T) {
	f := load(t, src)
	reads := 0
	content := f.Src
	pass := &analysis.Pass{Fset: f.Fset, Files: []*ast.File{f.AST}, Pkg: f.Pkg, TypesInfo: f.Info,
		ReadFile: func(string) ([]byte, error) { reads++; return content, nil }}
	fs := NewFiles(pass, nil)
	for range 2 {
		if got, ok := fs.Of(f.AST.Decls[1].Pos()); !ok || got.AST != f.AST || string(got.Src) != src {
			t.Fatalf("Of = %v, %v", got, ok)
		}
	}
	if reads != 1 {
		t.Errorf("read the file %d times, want 1", reads)
	}
	content = []byte(src + "// edited\n")
	if _, ok := NewFiles(pass, nil).Of(f.AST.Pos()); ok {
		t.Error("Of gave a File for a source that changed since type checking")
	}
	pass.ReadFile = nil
	if _, ok := NewFiles(pass, nil).Of(f.AST.Pos()); ok {
		t.Error("Of gave a File without file access")
	}
}
