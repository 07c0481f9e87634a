// Package fixreview is a reviewer's checklist for keyless's suggested
// fixes, written as code: given a Go file before and after the fixes, it
// lists what a reviewer would send back. Tests run it on every fixture's
// golden output and on the end-to-end module after `keyless lint -fix`.
//
// It reads syntax only (no type checking), so it runs on any pair of
// files; the checks are per top-level function, literals included:
//   - no new panic, log.Fatal*/log.Panic* or os.Exit in a function that
//     returns an error or already had an error check that does not die;
//   - no shape of error handling of the original replaced by another
//     (an `if e != nil { … }` body, string literals and the error's
//     name aside; a check may go with the call the fix deletes);
//   - at most one credential constructor (azidentity.New…Credential) per
//     function, unless the original had more;
//   - no new credential constructor inside an HTTP handler literal, a
//     goroutine literal or a loop;
//   - no numbered credential name (cred2) while the plain name is free.
package fixreview

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

const azidentityPath = "github.com/Azure/azure-sdk-for-go/sdk/azidentity"

// Check compares a file before (orig) and after (fixed) the fixes and
// returns the problems found, each prefixed with the function's name.
func Check(orig, fixed []byte) ([]string, error) {
	fset := token.NewFileSet()
	of, err := parser.ParseFile(fset, "orig.go", orig, 0)
	if err != nil {
		return nil, err
	}
	ff, err := parser.ParseFile(fset, "fixed.go", fixed, 0)
	if err != nil {
		return nil, err
	}
	ofuncs, ffuncs := funcs(fset, of), funcs(fset, ff)
	var names []string
	for name := range ffuncs {
		names = append(names, name)
	}
	sort.Strings(names)
	var out []string
	for _, name := range names {
		a, b := ofuncs[name], ffuncs[name]
		if a == nil {
			continue
		}
		for _, p := range compare(a, b) {
			out = append(out, name+": "+p)
		}
	}
	return out, nil
}

// fn is what the checks need to know about one top-level function.
type fn struct {
	decl *ast.FuncDecl
	// [0]: the declaration's own body; [1]: its function literals
	// (a handler's error path is not its enclosing function's).
	returnsErr [2]bool
	dying      [2]int
	nonDying   [2]bool        // has an error check that does not die
	shapes     map[string]int // error-check bodies, normalized
	creds      int            // credential constructor calls
	perCall    int            // … inside a handler literal, goroutine or loop
	credNames  []string       // names declared by credential constructors
	idents     map[string]bool
}

func funcs(fset *token.FileSet, f *ast.File) map[string]*fn {
	imp := imports(f)
	out := map[string]*fn{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		name := fd.Name.Name
		if fd.Recv != nil && len(fd.Recv.List) == 1 {
			name = exprString(fd.Recv.List[0].Type) + "." + name
		}
		if fd.Name.Name == "init" || fd.Name.Name == "_" {
			name = fmt.Sprintf("%s@%d", name, len(out))
		}
		out[name] = analyze(fset, fd, imp)
	}
	return out
}

func exprString(e ast.Expr) string {
	var b bytes.Buffer
	printer.Fprint(&b, token.NewFileSet(), e)
	return b.String()
}

// imports maps a file's import names to paths.
func imports(f *ast.File) map[string]string {
	m := map[string]string{}
	for _, s := range f.Imports {
		p, _ := strconv.Unquote(s.Path.Value)
		name := p[strings.LastIndex(p, "/")+1:]
		if s.Name != nil {
			name = s.Name.Name
		}
		m[name] = p
	}
	return m
}

func analyze(fset *token.FileSet, fd *ast.FuncDecl, imp map[string]string) *fn {
	r := &fn{decl: fd, shapes: map[string]int{}, idents: map[string]bool{}}
	var stack []ast.Node
	for _, fl := range []*ast.FieldList{fd.Recv, fd.Type.Params, fd.Type.Results} {
		if fl == nil {
			continue
		}
		for _, f := range fl.List {
			for _, id := range f.Names {
				r.idents[id.Name] = true
			}
		}
	}
	if res := fd.Type.Results; res != nil && len(res.List) > 0 {
		if id, ok := res.List[len(res.List)-1].Type.(*ast.Ident); ok && id.Name == "error" {
			r.returnsErr[0] = true
		}
	}
	inLit := func() int {
		for _, n := range stack[:len(stack)-1] {
			if _, ok := n.(*ast.FuncLit); ok {
				return 1
			}
		}
		return 0
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.Ident:
			r.idents[n.Name] = true
		case *ast.FuncLit:
			if res := n.Type.Results; res != nil && len(res.List) > 0 {
				if id, ok := res.List[len(res.List)-1].Type.(*ast.Ident); ok && id.Name == "error" {
					r.returnsErr[1] = true
				}
			}
		case *ast.CallExpr:
			if dies(n, imp) {
				r.dying[inLit()]++
			}
			if isCredCtor(n, imp) {
				r.creds++
				if perCall(stack) {
					r.perCall++
				}
			}
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 {
				if call, ok := n.Rhs[0].(*ast.CallExpr); ok && isCredCtor(call, imp) {
					if id, ok := n.Lhs[0].(*ast.Ident); ok {
						r.credNames = append(r.credNames, id.Name)
					}
				}
			}
		case *ast.IfStmt:
			if errName := errCheck(n); errName != "" {
				r.shapes[shape(fset, n.Body, errName)]++
				if !bodyDies(n.Body, imp) {
					r.nonDying[inLit()] = true
				}
			}
		}
		return true
	})
	return r
}

func compare(a, b *fn) []string {
	var out []string
	for i := range a.dying {
		if b.dying[i] > a.dying[i] && (a.returnsErr[i] || a.nonDying[i]) {
			out = append(out, fmt.Sprintf("%d new panic/log.Fatal/os.Exit call(s) in a function that returns an error or handles errors without dying", b.dying[i]-a.dying[i]))
		}
	}
	// A check whose call the fix deleted may go with it; one replaced by
	// another shape may not.
	for s := range a.shapes {
		if b.shapes[s] == 0 && len(b.shapes) > 0 {
			out = append(out, "error handling removed: "+s)
		}
	}
	if b.creds > 1 && b.creds > a.creds {
		out = append(out, fmt.Sprintf("%d credential constructors (one credential per function)", b.creds))
	}
	if b.perCall > a.perCall {
		out = append(out, "a credential is constructed inside an HTTP handler literal, a goroutine literal or a loop")
	}
	numbered := regexp.MustCompile(`^([A-Za-z_]+?)[0-9]+$`)
	for _, name := range b.credNames {
		if m := numbered.FindStringSubmatch(name); m != nil && !b.idents[m[1]] {
			out = append(out, "numbered credential name "+name+" while "+m[1]+" is free")
		}
	}
	return out
}

// errCheck returns e of `if e != nil { … }`.
func errCheck(n *ast.IfStmt) string {
	be, ok := n.Cond.(*ast.BinaryExpr)
	if !ok || be.Op != token.NEQ {
		return ""
	}
	x, ok1 := be.X.(*ast.Ident)
	y, ok2 := be.Y.(*ast.Ident)
	if !ok1 || !ok2 || y.Name != "nil" || !strings.Contains(strings.ToLower(x.Name), "err") {
		return ""
	}
	return x.Name
}

// shape prints an error-check body with string literals blanked and
// the error variable renamed, one line.
func shape(fset *token.FileSet, body *ast.BlockStmt, errName string) string {
	var b bytes.Buffer
	printer.Fprint(&b, fset, body)
	s := regexp.MustCompile(`"(\\.|[^"\\])*"`).ReplaceAllString(b.String(), `"…"`)
	s = regexp.MustCompile(`\b`+regexp.QuoteMeta(errName)+`\b`).ReplaceAllString(s, "ERR")
	return strings.Join(strings.Fields(s), " ")
}

func bodyDies(b *ast.BlockStmt, imp map[string]string) bool {
	if len(b.List) == 0 {
		return false
	}
	es, ok := b.List[len(b.List)-1].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := es.X.(*ast.CallExpr)
	return ok && (dies(call, imp) || testFatal(call))
}

// dies recognizes panic, log.Fatal*/Panic* and os.Exit.
func dies(call *ast.CallExpr, imp map[string]string) bool {
	switch f := call.Fun.(type) {
	case *ast.Ident:
		return f.Name == "panic"
	case *ast.SelectorExpr:
		x, ok := f.X.(*ast.Ident)
		if !ok {
			return false
		}
		switch imp[x.Name] {
		case "log":
			return strings.HasPrefix(f.Sel.Name, "Fatal") || strings.HasPrefix(f.Sel.Name, "Panic")
		case "os":
			return f.Sel.Name == "Exit"
		}
	}
	return false
}

// testFatal recognizes t.Fatal-like calls (dying, but a test's own way).
func testFatal(call *ast.CallExpr) bool {
	f, ok := call.Fun.(*ast.SelectorExpr)
	return ok && (f.Sel.Name == "Fatal" || f.Sel.Name == "Fatalf" || f.Sel.Name == "FailNow")
}

func isCredCtor(call *ast.CallExpr, imp map[string]string) bool {
	f, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	x, ok := f.X.(*ast.Ident)
	return ok && imp[x.Name] == azidentityPath && strings.HasPrefix(f.Sel.Name, "New") && strings.HasSuffix(f.Sel.Name, "Credential")
}

// perCall reports whether the innermost node of stack runs per request,
// per goroutine or per iteration: inside a loop body, a function literal
// taking (http.ResponseWriter, *http.Request), or a `go` literal.
func perCall(stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		case *ast.FuncLit:
			if isHandler(n) {
				return true
			}
			if i >= 2 {
				if call, ok := stack[i-1].(*ast.CallExpr); ok && call.Fun == ast.Expr(n) {
					if _, ok := stack[i-2].(*ast.GoStmt); ok {
						return true
					}
				}
			}
			return false
		}
	}
	return false
}

func isHandler(lit *ast.FuncLit) bool {
	ps := lit.Type.Params.List
	var ts []string
	for _, p := range ps {
		n := len(p.Names)
		if n == 0 {
			n = 1
		}
		for i := 0; i < n; i++ {
			ts = append(ts, exprString(p.Type))
		}
	}
	return len(ts) == 2 && strings.HasSuffix(ts[0], "ResponseWriter") && strings.HasSuffix(ts[1], "Request")
}

// CheckTree runs Check on every Go file of the tree at fixed that differs
// from its copy in the tree at orig (a module before and after -fix). It
// returns the problems, each prefixed with the file's path relative to
// the trees, and how many files changed.
func CheckTree(orig, fixed string) (problems []string, changed int, err error) {
	err = filepath.WalkDir(fixed, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		rel, err := filepath.Rel(fixed, path)
		if err != nil {
			return err
		}
		after, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		before, err := os.ReadFile(filepath.Join(orig, rel))
		if err != nil || bytes.Equal(before, after) {
			return nil // a new file, or unchanged
		}
		changed++
		probs, err := Check(before, after)
		if err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		for _, p := range probs {
			problems = append(problems, rel+": "+p)
		}
		return nil
	})
	return problems, changed, err
}
