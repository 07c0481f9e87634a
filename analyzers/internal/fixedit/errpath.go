package fixedit

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// Handler is the error handling of an inserted declaration.
type Handler struct {
	// Lines are the statements of the `if err != nil` body, without
	// indentation (a copied body keeps its own relative indentation).
	Lines []string
	// Dies is true when the handler ends the process or the test instead
	// of handing the error back (log.Fatal, panic, os.Exit, t.Fatal).
	Dies bool
	// Copied is true when the body is a copy of the function's own error
	// check rather than a default.
	Copied bool
}

// ErrPath returns how an error declared at s (named errName) is handled,
// following the function's own error path: the body of the nearest
// `if e != nil { … }` of s's function that can be copied to s (every
// name it uses means the same there, it ends in a return or a call that
// never returns, it holds no break/continue/goto), the error variable
// renamed to errName and a fmt.Errorf wrap reworded for the credential;
// prefer lists checks to try first (those of the call being replaced).
// Without a copyable check it falls back to returning the zero values and
// the error when the function's last result is an error, t.Fatal in a
// test, and log.Fatal or panic last. reason is set when no handler fits
// without changing how the function treats errors: it has error checks
// that do not die, none of which can be copied.
func (f *File) ErrPath(s Site, errName string, prefer []*ast.IfStmt) (h Handler, reason string) {
	P := s.Stmt.Pos()
	checks := f.errChecks(s.Func)
	order := make([]*ast.IfStmt, 0, len(checks))
	for _, c := range prefer {
		if slices.Contains(checks, c) {
			order = append(order, c)
		}
	}
	rest := slices.Clone(checks)
	slices.SortStableFunc(rest, func(a, b *ast.IfStmt) int { return dist(a, P) - dist(b, P) })
	for _, c := range rest {
		if !slices.Contains(order, c) {
			order = append(order, c)
		}
	}
	nonDying := false
	for _, c := range order {
		lines, dies, ok := f.copyCheck(c, P, errName)
		if !dies {
			nonDying = true
		}
		if ok && (!dies || !f.returnsError(s.Sig)) {
			return Handler{Lines: lines, Dies: dies, Copied: true}, ""
		}
	}
	res := s.Sig.Results()
	if n := res.Len(); n > 0 && types.Identical(res.At(n-1).Type(), errorType) {
		text, ok := f.ErrHandler(s, errName)
		if !ok {
			return Handler{}, "the zero values of the enclosing function's results cannot be written here"
		}
		return Handler{Lines: []string{text}}, ""
	}
	if nonDying {
		return Handler{}, "the function handles errors without stopping, and none of its error checks can be copied for the credential"
	}
	if t := f.testingParam(s); t != "" {
		return Handler{Lines: []string{t + ".Fatal(" + errName + ")"}, Dies: true}, ""
	}
	text, ok := f.ErrHandler(s, errName)
	if !ok {
		return Handler{}, "panic is shadowed here"
	}
	return Handler{Lines: []string{text}, Dies: true}, ""
}

func (f *File) returnsError(sig *types.Signature) bool {
	res := sig.Results()
	n := res.Len()
	return n > 0 && types.Identical(res.At(n-1).Type(), errorType)
}

// dist is how far check c is from pos, in bytes.
func dist(c *ast.IfStmt, pos token.Pos) int {
	if c.End() <= pos {
		return int(pos - c.End())
	}
	return int(c.Pos() - pos)
}

// ErrCheckAfter returns the `if e != nil { … }` directly following the
// statement holding n in its statement list, if any.
func (f *File) ErrCheckAfter(n ast.Node) *ast.IfStmt {
	path := f.Path(n.Pos(), n.End())
	for i := 1; i < len(path); i++ {
		st, ok := path[i-1].(ast.Stmt)
		if !ok {
			continue
		}
		list := stmtList(path[i])
		if list == nil {
			switch path[i].(type) {
			case *ast.FuncLit, *ast.FuncDecl:
				return nil
			}
			continue
		}
		for j, x := range list {
			if x == st && j+1 < len(list) {
				if c, ok := list[j+1].(*ast.IfStmt); ok && f.errVarOf(c) != nil {
					return c
				}
				return nil
			}
		}
		return nil
	}
	return nil
}

// errChecks lists the `if e != nil { … }` statements of fn itself (not
// of the function literals inside it), e an error variable.
func (f *File) errChecks(fn ast.Node) []*ast.IfStmt {
	var out []*ast.IfStmt
	var body *ast.BlockStmt
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		body = fn.Body
	}
	if body == nil {
		return nil
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if f.errVarOf(n) != nil {
				out = append(out, n)
			}
		}
		return true
	})
	return out
}

// errVarOf returns the error variable e of `if e != nil`.
func (f *File) errVarOf(c *ast.IfStmt) *types.Var {
	if c.Else != nil {
		return nil
	}
	be, ok := ast.Unparen(c.Cond).(*ast.BinaryExpr)
	if !ok || be.Op != token.NEQ {
		return nil
	}
	id, ok := ast.Unparen(be.X).(*ast.Ident)
	if nilID, isID := ast.Unparen(be.Y).(*ast.Ident); !ok || !isID || nilID.Name != "nil" {
		return nil
	}
	v, _ := f.Info.Uses[id].(*types.Var)
	if v == nil || !types.Identical(v.Type(), errorType) {
		return nil
	}
	return v
}

// copyCheck writes the body of check c as the handler of errName at pos:
// lines (relative indentation kept), whether it dies, and whether it can
// be copied at all.
func (f *File) copyCheck(c *ast.IfStmt, pos token.Pos, errName string) (lines []string, dies, ok bool) {
	errVar := f.errVarOf(c)
	body := c.Body.List
	if len(body) == 0 {
		return nil, false, false
	}
	last := body[len(body)-1]
	switch last := last.(type) {
	case *ast.ReturnStmt:
	case *ast.ExprStmt:
		call, isCall := ast.Unparen(last.X).(*ast.CallExpr)
		if !isCall || !f.neverReturns(call) {
			return nil, false, false
		}
		dies = true
	default:
		return nil, false, false
	}
	type repl struct {
		start, end int
		text       string
	}
	var edits []repl
	sels := map[*ast.Ident]bool{}
	ok = true
	ast.Inspect(c.Body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.BranchStmt, *ast.FuncLit, *ast.LabeledStmt:
			ok = false
		case *ast.SelectorExpr:
			sels[n.Sel] = true
		case *ast.CallExpr:
			if lit, wrap := f.errorfWrap(n); wrap != "" {
				edits = append(edits, repl{f.offset(lit.Pos()), f.offset(lit.End()), wrap})
			}
		case *ast.Ident:
			if sels[n] {
				return true
			}
			obj := f.Info.Uses[n]
			if obj == nil {
				return true
			}
			if obj == types.Object(errVar) {
				edits = append(edits, repl{f.offset(n.Pos()), f.offset(n.End()), errName})
				return true
			}
			if within(obj.Pos(), obj.Pos(), c.Body) {
				return true // declared inside the body
			}
			if !f.Resolves(n.Name, pos, obj) {
				ok = false
			}
		}
		return true
	})
	if !ok {
		return nil, false, false
	}
	start, end := f.offset(body[0].Pos()), f.offset(last.End())
	slices.SortFunc(edits, func(a, b repl) int { return a.start - b.start })
	var b strings.Builder
	at := start
	for _, e := range edits {
		if e.start < at {
			continue
		}
		b.Write(f.Src[at:e.start])
		b.WriteString(e.text)
		at = e.end
	}
	b.Write(f.Src[at:end])
	indent, _ := f.Indent(body[0].Pos())
	for i, l := range strings.Split(b.String(), "\n") {
		if i > 0 {
			l = strings.TrimPrefix(l, indent)
		}
		lines = append(lines, l)
	}
	return lines, dies, true
}

// errorfWrap rewords the format of a call reporting the error alone,
// fmt.Errorf("<what>: %w", err) or t.Fatalf("<what>: %v", err), as
// "azure credential: %w": the function's way of wrapping kept, its words
// (about another call) not.
func (f *File) errorfWrap(call *ast.CallExpr) (*ast.BasicLit, string) {
	fn, _ := typeutil.Callee(f.Info, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil || len(call.Args) != 2 {
		return nil, ""
	}
	switch path, name := fn.Pkg().Path(), fn.Name(); {
	case path == "fmt" && name == "Errorf":
	case path == "testing" && (name == "Fatalf" || name == "Errorf" || name == "Skipf"):
	case path == "log" && (name == "Fatalf" || name == "Panicf" || name == "Printf"):
	default:
		return nil, ""
	}
	lit, ok := call.Args[0].(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return nil, ""
	}
	format, err := strconv.Unquote(lit.Value)
	if err != nil || strings.Count(format, "%") != 1 || len(format) < 3 {
		return nil, ""
	}
	verb := format[len(format)-2:]
	if verb != "%w" && verb != "%v" && verb != "%s" {
		return nil, ""
	}
	for _, sep := range []string{": ", " ", "; ", " - "} {
		if strings.HasSuffix(format, sep+verb) {
			return lit, strconv.Quote("azure credential" + sep + verb)
		}
	}
	return nil, ""
}

// neverReturns recognizes calls that end the goroutine, the process or
// the test: panic, os.Exit, log's Fatal and Panic functions and methods,
// testing's Fatal, FailNow and Skip methods, runtime.Goexit.
func (f *File) neverReturns(call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && f.Info.Uses[id] == types.Universe.Lookup("panic") {
		return true
	}
	fn, _ := typeutil.Callee(f.Info, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	name := fn.Name()
	switch fn.Pkg().Path() {
	case "os":
		return name == "Exit"
	case "runtime":
		return name == "Goexit"
	case "log":
		return strings.HasPrefix(name, "Fatal") || strings.HasPrefix(name, "Panic")
	case "testing":
		switch name {
		case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
			return true
		}
	}
	return false
}

// testingParam returns the name of a *testing.T, *testing.B, *testing.F
// or testing.TB parameter of s's function visible at s.
func (f *File) testingParam(s Site) string {
	params := s.Sig.Params()
	for i := 0; i < params.Len(); i++ {
		p := params.At(i)
		t := types.Unalias(p.Type())
		if ptr, ok := t.(*types.Pointer); ok {
			t = types.Unalias(ptr.Elem())
		}
		n, ok := t.(*types.Named)
		if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "testing" {
			continue
		}
		switch n.Obj().Name() {
		case "T", "B", "F", "TB":
			if p.Name() != "" && p.Name() != "_" && f.Resolves(p.Name(), s.Stmt.Pos(), p) {
				return p.Name()
			}
		}
	}
	return ""
}

// HandlerText is the declaration text inserted before s.Stmt: lhs and
// errName from rhs, then `if errName != nil { handler }`, indented like
// the statement.
func (f *File) HandlerText(s Site, lhs, errName, rhs string, h Handler) string {
	indent, _ := f.Indent(s.Stmt.Pos())
	var b strings.Builder
	b.WriteString(lhs + ", " + errName + " := " + rhs + "\n")
	b.WriteString(indent + "if " + errName + " != nil {\n")
	for _, l := range h.Lines {
		if strings.TrimSpace(l) == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString(indent + "\t" + l + "\n")
	}
	b.WriteString(indent + "}\n" + indent)
	return b.String()
}
