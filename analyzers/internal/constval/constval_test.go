package constval

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"
)

// stubs are the packages the snippets import: the signatures the
// resolver matches by full name, nothing more.
var stubs = map[string]string{
	"fmt":     `package fmt; func Sprintf(format string, a ...any) string; func Sprint(a ...any) string`,
	"strings": `package strings; func Join(elems []string, sep string) string; func TrimSpace(s string) string; func Trim(s, cutset string) string; func TrimLeft(s, cutset string) string; func TrimRight(s, cutset string) string; func TrimPrefix(s, prefix string) string; func TrimSuffix(s, suffix string) string`,
	"path":    `package path; func Join(elem ...string) string`,
	"os":      `package os; func Getenv(key string) string`,
	"flag":    `package flag; func StringVar(p *string, name, value, usage string)`,
	"example.com/to": `package to
func Ptr[T any](v T) *T { return &v }
func SliceOfPtrs[T any](vv ...T) []*T { return nil }`,
	"example.com/other": `package other
type Opts struct{ Role string; Local bool }
var Default string
func Pick() string
func Flag() bool`,
}

// stubImporter type-checks the stubs on demand.
type stubImporter struct {
	fset *token.FileSet
	pkgs map[string]*types.Package
}

func (im *stubImporter) Import(path string) (*types.Package, error) {
	if p, ok := im.pkgs[path]; ok {
		return p, nil
	}
	src, ok := stubs[path]
	if !ok {
		return nil, fmt.Errorf("no stub for %q", path)
	}
	f, err := parser.ParseFile(im.fset, path+".go", src, 0)
	if err != nil {
		return nil, err
	}
	conf := types.Config{Importer: im, IgnoreFuncBodies: true, Error: func(error) {}}
	p, _ := conf.Check(path, im.fset, []*ast.File{f}, nil)
	im.pkgs[path] = p
	return p, nil
}

// snippet is a type-checked package built from src.
type snippet struct {
	t    *testing.T
	fset *token.FileSet
	file *ast.File
	ix   *Index
	r    *Resolver
}

// load type-checks src (a file of package p that may import the stubs).
func load(t *testing.T, src string) *snippet {
	t.Helper()
	fset := token.NewFileSet()
	src += "\nfunc use(any) {}\n"
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
		Instances:  map[*ast.Ident]types.Instance{},
	}
	conf := types.Config{Importer: &stubImporter{fset: fset, pkgs: map[string]*types.Package{}}}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatalf("type-checking the snippet: %v\n%s", err, src)
	}
	ix := NewIndex(pkg, info, []*ast.File{f})
	r := NewResolver(ix)
	r.PointerFuncs = map[string]bool{"example.com/to.Ptr": true}
	r.SliceFuncs = map[string]bool{"example.com/to.SliceOfPtrs": true}
	return &snippet{t: t, fset: fset, file: f, ix: ix, r: r}
}

// uses returns the argument of each use(…) call, in source order, with
// the environments of its enclosing function (Contexts).
func (s *snippet) uses() (args []ast.Expr, envs [][]*Env) {
	ast.Inspect(s.file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "use" && len(call.Args) == 1 {
			args = append(args, call.Args[0])
			envs = append(envs, s.ix.Contexts(s.ix.Enclosing(call.Pos())))
		}
		return true
	})
	if len(args) == 0 {
		s.t.Fatal("snippet has no use(…) call")
	}
	return args, envs
}

// show renders a value with unknown parts as "…".
func show(v Value) string { return strings.ReplaceAll(v.String(), Unknown, "…") }

// strings of each context of the one use(…) call.
func (s *snippet) strings() []string {
	args, envs := s.uses()
	var out []string
	for _, en := range envs[0] {
		out = append(out, show(s.r.String(args[0], en)))
	}
	return out
}

const header = "package p\n"

func TestString(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string // per context of the use(…) call
	}{
		{"literal", `func f() { use("abc") }`, []string{"abc"}},
		{"constant", `const c = "a" + "b"; func f() { use(c + "c") }`, []string{"abc"}},
		{"non-string constant", `func f() { use(42) }`, []string{"42"}},
		{"conversion of a rune is constant", `func f() { use(string(rune(65))) }`, []string{"A"}},
		{"conversion between text types", `type ID string; func f() { b := []byte("x"); use(ID(string(b))) }`, []string{"x"}},
		{"parameter without binding", `func F(x string) { use("https://" + x + ".openai.azure.com") }`, []string{"https://….openai.azure.com"}},
		{"variable assigned once", `func f() { x := "a"; use(x + "b") }`, []string{"ab"}},
		{"field of a struct literal", `type T struct{ K, L string }; func f() { c := T{K: "a"}; use(c.K) }`, []string{"a"}},
		{"field of a pointer to a struct literal", `type T struct{ K, L string }; func f() { c := &T{"a", "b"}; use(c.L) }`, []string{"b"}},
		{"field of a literal assigned later", `type T struct{ K string }; func f() { c := T{K: "a"}; c.K = "b"; use(c.K) }`, []string{"…"}},
		{"field of a literal left out", `type T struct{ K string }; func f() { c := T{}; use(c.K) }`, []string{"…"}},
		{"variable assigned twice", `func f() { x := "a"; x = "b"; use(x) }`, []string{"…"}},
		{"op-assign", `func f() { x := "a"; x += "b"; use(x) }`, []string{"…"}},
		{"declared then assigned", `func f(c bool) { var x string; if c { x = "a" }; use(x) }`, []string{"…"}},
		{"address handed to a function", `import "flag"; func f() { x := "a"; flag.StringVar(&x, "x", x, ""); use(x) }`, []string{"…"}},
		{"address taken, not handed over", `func f() { x := "a"; p := &x; _ = p; use(x) }`, []string{"a"}},
		{"range variable", `func f() { for _, x := range []string{"a"} { use(x) } }`, []string{"…"}},
		{"first of a call's results", `func g() (string, error) { return "a", nil }; func f() { x, err := g(); _ = err; use(x) }`, []string{"a"}},
		{"second of a call's results", `func g() (string, string) { return "a", "b" }; func f() { _, y := g(); use(y) }`, []string{"…"}},
		{"pointer function and deref", `import "example.com/to"; func f() { use(*to.Ptr("a")) }`, []string{"a"}},
		{"address and deref", `func f() { x := "a"; p := &x; use(*p) }`, []string{"a"}},
		{"sprintf", `import "fmt"; const n = 3; func F(x string) { use(fmt.Sprintf("%s/%d/%q/%v%%", "a", n, "b", x)) }`, []string{`a/3/"b"/…%`}},
		{"sprintf with width formats a constant", `import "fmt"; func f() { use(fmt.Sprintf("[%3s]", "a")) }`, []string{"[  a]"}},
		{"sprintf non-constant non-string", `import "fmt"; func F(n int) { use(fmt.Sprintf("x%dy", n)) }`, []string{"x…y"}},
		{"sprintf missing operand", `import "fmt"; func f() { use(fmt.Sprintf("%s%s", "a")) }`, []string{"…"}},
		{"sprintf extra operand", `import "fmt"; func f() { use(fmt.Sprintf("a", "b")) }`, []string{"a…"}},
		{"sprintf explicit index", `import "fmt"; func f() { use(fmt.Sprintf("%[1]s", "a")) }`, []string{"…"}},
		{"sprintf unknown format", `import "fmt"; func F(f string) { use(fmt.Sprintf(f, "a")) }`, []string{"…"}},
		{"sprintf format in a variable", `import "fmt"; func f() { format := "%s!"; use(fmt.Sprintf(format, "a")) }`, []string{"a!"}},
		{"path.Join", `import "path"; func F(x string) { use(path.Join("/a/", x, "b")) }`, []string{"/a/…/b"}},
		{"path.Join cleans", `import "path"; func f() { use(path.Join("/a/", "b")) }`, []string{"/a/b"}},
		{"strings.Join", `import "strings"; func F(x string) { use(strings.Join([]string{"a", x}, "/")) }`, []string{"a/…"}},
		{"strings.Join of a variable slice", `import "strings"; func f() { s := []string{"a", "b"}; use(strings.Join(s, ",")) }`, []string{"a,b"}},
		{"strings.Join unknown slice", `import "strings"; func F(s []string) { use(strings.Join(s, ",")) }`, []string{"…"}},
		{"TrimSpace", `import "strings"; func f() { use(strings.TrimSpace(" a b ")) }`, []string{"a b"}},
		{"TrimSpace reaching an unknown part", `import "strings"; func F(x string) { use(strings.TrimSpace(" " + x + "b ")) }`, []string{"…b"}},
		{"TrimSuffix", `import "strings"; func F(x string) { use(strings.TrimSuffix("https://" + x + ".azure.com/", "/")) }`, []string{"https://….azure.com"}},
		{"TrimSuffix not matching", `import "strings"; func f() { use(strings.TrimSuffix("ab", "/")) }`, []string{"ab"}},
		{"TrimSuffix into an unknown part", `import "strings"; func F(x string) { use(strings.TrimSuffix("a" + x + "/", "//")) }`, []string{"a…"}},
		{"TrimPrefix", `import "strings"; func f() { use(strings.TrimPrefix("https://x", "https://")) }`, []string{"x"}},
		{"TrimPrefix into an unknown part", `import "strings"; func F(x string) { use(strings.TrimPrefix("ht" + x, "https://")) }`, []string{"…"}},
		{"TrimRight", `import "strings"; func f() { use(strings.TrimRight("a//", "/")) }`, []string{"a"}},
		{"TrimLeft", `import "strings"; func f() { use(strings.TrimLeft("//a", "/")) }`, []string{"a"}},
		{"unknown call", `import "os"; func f() { use(os.Getenv("X")) }`, []string{"…"}},
		{"helper with one return", `func h(x string) string { return "p/" + x }; func f() { use(h("q")) }`, []string{"p/q"}},
		{"helper with two returns", `func h(c bool) string { if c { return "a" }; return "b" }; func f() { use(h(true)) }`, []string{"…"}},
		{"call sites bind parameters", `func h(x string) { use("p/" + x) }; func f() { h("a"); h("b") }`, []string{"p/a", "p/b"}},
		{"exported function also runs unbound", `func H(x string) { use(x) }; func f() { H("a") }`, []string{"…", "a"}},
		{"package-level variable ignores the environment", `var v = "g"; func h(v2 string) { use(v + v2) }; func f() { h("a") }`, []string{"ga"}},
		{"depth limit", `func f() { a := "x"; b := a; c := b; d := c; e := d; f := e; g := f; h := g; i := h; j := i; k := j; l := k; m := l; n := m; o := n; p := o; q := p; r := q; use(r) }`, []string{"…"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := load(t, header+tc.src).strings()
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// Pieces say where text came from: the literal (for an in-place edit),
// what it flowed through, and the call-site argument that carried it.
func TestPieces(t *testing.T) {
	s := load(t, header+`
const guid = "8e3af657"
func role(g string) string { return "/roleDefinitions/" + g }
func f() { use(role(guid)) }
`)
	args, _ := s.uses()
	v := s.r.String(args[0], nil)
	if got := show(v); got != "/roleDefinitions/8e3af657" {
		t.Fatalf("value %q", got)
	}
	if len(v) != 2 {
		t.Fatalf("want 2 pieces, got %d", len(v))
	}
	head, g := v[0], v[1]
	if head.Lit == nil || head.Off != 1 || viaNames(head) != "role" {
		t.Errorf("head piece: lit %v off %d via %s; want the helper's literal at offset 1, via role", head.Lit != nil, head.Off, viaNames(head))
	}
	if g.Lit == nil || g.Lit.Value != `"8e3af657"` || viaNames(g) != "guid" {
		t.Errorf("guid piece: lit %v via %s; want the constant's literal, via guid", g.Lit != nil, viaNames(g))
	}
	if id, ok := g.At.(*ast.Ident); !ok || id.Name != "guid" {
		t.Errorf("guid piece At = %v, want the call-site argument guid", g.At)
	}
	// Slicing keeps the literal offset.
	sl := v.Slice(len("/roleDefinitions/")+2, len(v.String()))
	if len(sl) != 1 || sl[0].Lit != g.Lit || sl[0].Off != 3 || sl[0].Text != "3af657" {
		t.Errorf("slice: %+v", sl)
	}

	// A literal with escapes is not its value: no in-place edit.
	s = load(t, header+`func f() { use("a\x41") }`)
	args, _ = s.uses()
	if v := s.r.String(args[0], nil); v.String() != "aA" || v[0].Lit != nil {
		t.Errorf("escaped literal: %q lit %v", v.String(), v[0].Lit != nil)
	}
}

func viaNames(p Piece) string {
	var names []string
	for _, o := range p.Via {
		names = append(names, o.Name())
	}
	return strings.Join(names, ",")
}

// An unknown part carries the expression it is the value of: the
// outermost variable holding it, else the unresolved expression; nothing
// once a function changed it.
func TestUnknownExpr(t *testing.T) {
	s := load(t, header+`
import ("fmt"; "os"; "strings")
func f(key string) {
	ns := os.Getenv("NS")
	use(fmt.Sprintf("Endpoint=sb://%s.servicebus.windows.net/;SharedAccessKey=%s", ns, key))
	use("a" + os.Getenv("X"))
	use(strings.TrimSpace(ns))
	use(fmt.Sprintf("%q", ns))
}
`)
	args, _ := s.uses()
	var got []string
	for _, a := range args {
		var exprs []string
		for _, p := range s.r.String(a, nil) {
			if p.Unknown() {
				exprs = append(exprs, exprString(s.fset, p.Expr))
			}
		}
		got = append(got, strings.Join(exprs, " "))
	}
	want := []string{"ns key", `os.Getenv("X")`, "<nil>", "<nil>"}
	if !slices.Equal(got, want) {
		t.Errorf("unknown parts stand for %q, want %q", got, want)
	}
}

func exprString(fset *token.FileSet, e ast.Expr) string {
	if e == nil {
		return "<nil>"
	}
	var b strings.Builder
	if err := printer.Fprint(&b, fset, e); err != nil {
		return err.Error()
	}
	return b.String()
}

func TestBool(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      string // per context: "true", "false" or "?"
	}{
		{"constant", `func f() { use(false) }`, "false"},
		{"pointer function", `import "example.com/to"; func f() { use(to.Ptr(false)) }`, "false"},
		{"address of a variable", `func f() { b := true; p := &b; use(p) }`, "true"},
		{"address handed to a function", `func set(*bool) {}; func f() { b := true; set(&b); use(b) }`, "?"},
		{"variable assigned twice", `func f() { b := true; b = false; use(b) }`, "?"},
		{"conversion", `type B bool; func f() { use(B(true)) }`, "true"},
		{"helper with one return", `import "example.com/to"; func off() *bool { return to.Ptr(false) }; func f() { use(off()) }`, "false"},
		{"call sites bind parameters", `func h(b bool) { use(b) }; func f() { h(true); h(false) }`, "true false"},
		{"package-level variable ignores the environment", `var b = true; func h(b2 bool) { use(b) }; func f() { h(false) }`, "true"},
		{"unknown", `func F(b bool) { use(b) }`, "?"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := load(t, header+tc.src)
			args, envs := s.uses()
			var got []string
			for _, en := range envs[0] {
				v, ok := s.r.Bool(args[0], en)
				got = append(got, map[bool]string{true: fmt.Sprint(v), false: "?"}[ok])
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("got %s, want %s", g, tc.want)
			}
		})
	}
}

func TestCompositeLitAndElems(t *testing.T) {
	s := load(t, header+`
import "example.com/to"
type T struct{ A, B string }
func mk(a string) *T { return &T{A: a} }
func f() {
	t := T{"x", "y"}
	use(&t)
	use(to.Ptr(mk("z")))
	use(to.SliceOfPtrs("a", "b"))
	p := []string{"c"}
	use(p)
	var q T
	use(q)
}
`)
	args, _ := s.uses()
	var got []string
	for _, a := range args {
		lit, _ := s.r.CompositeLit(a, nil)
		if lit == nil {
			got = append(got, "no literal")
			continue
		}
		var fields []string
		for k, v := range s.r.Fields(lit) {
			fields = append(fields, k+"="+exprString(s.fset, v))
		}
		slices.Sort(fields)
		got = append(got, strings.Join(fields, " "))
	}
	want := []string{`A="x" B="y"`, "A=a", "no literal", `0="c"`, "no literal"}
	// Fields of a slice literal are not struct fields: show them by Elems.
	if elems, _, ok := s.r.Elems(args[3], nil); ok && len(elems) == 1 {
		got[3] = "0=" + exprString(s.fset, elems[0])
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if elems, _, ok := s.r.Elems(args[2], nil); !ok || len(elems) != 2 {
		t.Errorf("Elems(to.SliceOfPtrs(a, b)) = %d elements, %v; want 2", len(elems), ok)
	}
	// The variable a literal is assigned to, for later field writes.
	lit, _ := s.r.CompositeLit(args[0], nil)
	if v := s.ix.VarOf(lit); v == nil || v.Name() != "t" {
		t.Errorf("VarOf = %v, want t", v)
	}
	if r := s.r.Root(args[0]); r == nil || r.Name() != "t" {
		t.Errorf("Root(&t) = %v, want t", r)
	}
	n := load(t, header+`func f() { var p *int; use(nil); use(p) }`)
	nargs, _ := n.uses()
	if !n.r.IsNil(nargs[0]) || n.r.IsNil(nargs[1]) {
		t.Errorf("IsNil(nil), IsNil(p) = %v, %v; want true, false", n.r.IsNil(nargs[0]), n.r.IsNil(nargs[1]))
	}
}

// Struct-field writes are indexed by root variable and field path; a
// struct handed to a function by address keeps its literal.
func TestFieldSets(t *testing.T) {
	s := load(t, header+`
type In struct{ Role string }
type Out struct{ Props In }
func fill(o *Out) {}
func f() {
	o := Out{}
	fill(&o)
	o.Props.Role = "a"
	o.Props.Role = "b"
	use(o)
}
`)
	args, _ := s.uses()
	root := s.r.Root(args[0])
	var got []string
	for _, e := range s.ix.FieldValues(root, "Props", "Role") {
		got = append(got, show(s.r.String(e, nil)))
	}
	if !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("FieldValues(o, Props, Role) = %q, want [a b]", got)
	}
	if lit, _ := s.r.CompositeLit(args[0], nil); lit == nil {
		t.Error("o handed to fill by address lost its literal")
	}
}

// fakeSource stands for facts exported by another package.
type fakeSource struct{}

func (fakeSource) Result(fn *types.Func, i int) (Value, bool) {
	switch fn.FullName() {
	case "example.com/other.Pick":
		return Text("Owner"), true
	case "example.com/other.Flag":
		return Text("false"), true
	}
	return nil, false
}

func (fakeSource) Var(v *types.Var) (Value, bool) {
	if v.Name() == "Role" && v.IsField() {
		return Text("Contributor"), true
	}
	return nil, false
}

// What the package cannot show comes from a Source: function results
// and fields declared elsewhere.
func TestSource(t *testing.T) {
	src := header + `
import "example.com/other"
func f(o other.Opts) {
	use(other.Pick() + "/" + o.Role)
	use(other.Default)
	use(other.Flag())
}
`
	s := load(t, src)
	args, _ := s.uses()
	if got := show(s.r.String(args[0], nil)); got != "…/…" {
		t.Fatalf("without a Source: %q, want …/…", got)
	}
	s.r.Source = fakeSource{}
	if got := show(s.r.String(args[0], nil)); got != "Owner/Contributor" {
		t.Errorf("with a Source: %q, want Owner/Contributor", got)
	}
	if got := show(s.r.String(args[1], nil)); got != "…" {
		t.Errorf("a variable the Source does not know: %q", got)
	}
	if v, ok := s.r.Bool(args[2], nil); !ok || v {
		t.Errorf("Bool(other.Flag()) = %v, %v; want false from the Source", v, ok)
	}
}

func TestConstString(t *testing.T) {
	s := load(t, header+`const c = "a"; func f(x string) { use(c + "b"); use(x) }`)
	args, _ := s.uses()
	if v, ok := ConstString(s.ix.Info, args[0]); !ok || v != "ab" {
		t.Errorf("ConstString(c + \"b\") = %q, %v", v, ok)
	}
	if _, ok := ConstString(s.ix.Info, args[1]); ok {
		t.Error("ConstString of a parameter")
	}
}
