package fixedit

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// Site is where a declaration can be inserted for an expression: before
// the innermost statement that holds the expression and sits directly in
// a statement list, inside a function.
type Site struct {
	Stmt  ast.Stmt // the statement to insert before
	Block ast.Node // *ast.BlockStmt, *ast.CaseClause or *ast.CommClause holding Stmt
	Func  ast.Node // *ast.FuncDecl or *ast.FuncLit enclosing Stmt
	Sig   *types.Signature
	Body  *ast.BlockStmt // the function's body
}

// SiteOf returns the insertion site for n. ok is false at package level
// (var initializers), when the statement does not start its line, or
// when the function uses goto (a new declaration could be jumped over).
func (f *File) SiteOf(n ast.Node) (Site, bool) {
	path := f.Path(n.Pos(), n.End())
	var s Site
	for i, p := range path {
		switch p := p.(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			if s.Stmt == nil && i > 0 {
				if st, ok := path[i-1].(ast.Stmt); ok && inList(p, st) {
					s.Stmt, s.Block = st, p
				}
			}
		case *ast.FuncLit:
			if s.Stmt != nil {
				s.Func, s.Body = p, p.Body
				if tv, ok := f.Info.Types[p]; ok {
					s.Sig, _ = tv.Type.(*types.Signature)
				}
			}
		case *ast.FuncDecl:
			if s.Stmt != nil {
				s.Func, s.Body = p, p.Body
				if obj, ok := f.Info.Defs[p.Name].(*types.Func); ok {
					s.Sig, _ = obj.Type().(*types.Signature)
				}
			}
		}
		if s.Func != nil {
			break
		}
	}
	if s.Func == nil || s.Sig == nil || s.Body == nil {
		return Site{}, false
	}
	if _, ok := f.Indent(s.Stmt.Pos()); !ok {
		return Site{}, false
	}
	if hasGoto(s.Body) {
		return Site{}, false
	}
	return s, true
}

func inList(block ast.Node, st ast.Stmt) bool {
	var list []ast.Stmt
	switch b := block.(type) {
	case *ast.BlockStmt:
		list = b.List
	case *ast.CaseClause:
		list = b.Body
	case *ast.CommClause:
		list = b.Body
	}
	for _, x := range list {
		if x == st {
			return true
		}
	}
	return false
}

// StmtList returns the statements of a block, case clause or comm
// clause (nil for any other node).
func StmtList(block ast.Node) []ast.Stmt { return stmtList(block) }

func stmtList(block ast.Node) []ast.Stmt {
	switch b := block.(type) {
	case *ast.BlockStmt:
		return b.List
	case *ast.CaseClause:
		return b.Body
	case *ast.CommClause:
		return b.Body
	}
	return nil
}

func hasGoto(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if b, ok := n.(*ast.BranchStmt); ok && b.Tok == token.GOTO {
			found = true
		}
		return !found
	})
	return found
}

// blockScope returns the scope of s.Block (a function body shares the
// scope of its signature).
func (f *File) blockScope(s Site) *types.Scope {
	if s.Block == ast.Node(s.Body) {
		switch fn := s.Func.(type) {
		case *ast.FuncDecl:
			return f.Info.Scopes[fn.Type]
		case *ast.FuncLit:
			return f.Info.Scopes[fn.Type]
		}
	}
	return f.Info.Scopes[s.Block]
}

// OuterFunc returns the outermost function (declaration or literal)
// enclosing n, for a Namer that must see every name a closure captures.
func (f *File) OuterFunc(n ast.Node) ast.Node {
	var outer ast.Node
	for _, p := range f.Path(n.Pos(), n.End()) {
		switch p.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			outer = p
		}
	}
	return outer
}

// Namer hands out fresh names inside one function: names no identifier
// of the function uses and no earlier call handed out, so that several
// fixes in one function never collide, alone or together.
type Namer struct {
	used map[string]bool
}

// NewNamer returns a Namer for the function fn (a *ast.FuncDecl or
// *ast.FuncLit; for a literal, the whole enclosing declaration should be
// passed so that captured names are seen).
func NewNamer(fn ast.Node) *Namer {
	n := &Namer{used: map[string]bool{}}
	ast.Inspect(fn, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok {
			n.used[id.Name] = true
		}
		return true
	})
	return n
}

// Free makes name available again: the fix deletes every identifier of
// the function spelled so.
func (n *Namer) Free(name string) { delete(n.used, name) }

// Take marks name as taken.
func (n *Namer) Take(name string) { n.used[name] = true }

// Used reports whether name is taken.
func (n *Namer) Used(name string) bool { return n.used[name] }

// Fresh returns base, base2, base3, … whichever is free first.
func (n *Namer) Fresh(base string) string {
	name := base
	for i := 2; n.used[name] || types.Universe.Lookup(name) != nil; i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	n.used[name] = true
	return name
}

var errorType = types.Universe.Lookup("error").Type()

// ErrName returns "err" when `x, err := …` inserted before s.Stmt is
// safe: err is new there, or already an error declared earlier in the
// same block, and no later statement of the block redeclares it alone,
// and no later code of the block refers to an outer err that the new
// one would shadow. Otherwise it returns a fresh name from namer.
func (f *File) ErrName(s Site, namer *Namer) string {
	if f.errSafe(s) {
		return "err"
	}
	return namer.Fresh("credErr")
}

func (f *File) errSafe(s Site) bool {
	P := s.Stmt.Pos()
	blockScope := f.blockScope(s)
	if blockScope == nil {
		return false
	}
	obj := f.lookup("err", P)
	if obj != nil {
		if _, isVar := obj.(*types.Var); !isVar || !types.Identical(obj.Type(), errorType) {
			return false
		}
		if obj.Parent() == blockScope {
			return true // `x, err :=` reuses it
		}
		// An outer err: the new one shadows it for the rest of the block.
		for _, id := range f.Uses.Of(obj) {
			if id.Pos() > P && id.Pos() < s.Block.End() {
				return false
			}
		}
	}
	// A later declaration of err in the same block must declare another
	// new variable too, or it stops compiling.
	for _, st := range stmtList(s.Block) {
		if st.Pos() < P {
			continue
		}
		switch st := st.(type) {
		case *ast.AssignStmt:
			if st.Tok != token.DEFINE {
				continue
			}
			declaresErr, other := false, false
			for _, l := range st.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok {
					continue
				}
				if id.Name == "err" {
					declaresErr = f.Info.Defs[id] != nil
				} else if f.Info.Defs[id] != nil {
					other = true
				}
			}
			if declaresErr && !other {
				return false
			}
		case *ast.DeclStmt:
			gd, ok := st.Decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, sp := range gd.Specs {
				if vs, ok := sp.(*ast.ValueSpec); ok {
					for _, id := range vs.Names {
						if id.Name == "err" {
							return false
						}
					}
				}
			}
		}
	}
	return true
}

// ErrHandler returns the statement that handles errName inside s's
// function: `return <zero values>, err` when the function's last result
// is error, else `log.Fatal(err)` when the file imports "log" (visible at
// the site), else `panic(err)`. ok is false when a zero value cannot be
// written.
func (f *File) ErrHandler(s Site, errName string) (string, bool) {
	P := s.Stmt.Pos()
	res := s.Sig.Results()
	if n := res.Len(); n > 0 && types.Identical(res.At(n-1).Type(), errorType) {
		var parts []string
		for i := 0; i < n-1; i++ {
			z, ok := f.ZeroValue(res.At(i).Type(), P)
			if !ok {
				return "", false
			}
			parts = append(parts, z)
		}
		parts = append(parts, errName)
		return "return " + strings.Join(parts, ", "), true
	}
	for _, imp := range f.AST.Imports {
		if importPath(imp) != "log" {
			continue
		}
		if pn := f.pkgName(imp); pn != nil && pn.Name() != "_" && pn.Name() != "." && f.Resolves(pn.Name(), P, pn) {
			return pn.Name() + ".Fatal(" + errName + ")", true
		}
	}
	if f.lookup("panic", P) != types.Universe.Lookup("panic") {
		return "", false
	}
	return "panic(" + errName + ")", true
}

// ZeroValue writes the zero value of t as an expression valid at pos, or
// reports false (an unexported type of another package, a package the
// file does not import, a shadowed package name).
func (f *File) ZeroValue(t types.Type, pos token.Pos) (string, bool) {
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		s, ok := f.TypeString(t, pos)
		if !ok {
			return "", false
		}
		return "*new(" + s + ")", true
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "false", true
		case u.Info()&types.IsString != 0:
			return `""`, true
		case u.Info()&types.IsNumeric != 0:
			return "0", true
		case u.Kind() == types.UnsafePointer:
			return "nil", true
		}
		return "", false
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return "nil", true
	case *types.Struct, *types.Array:
		s, ok := f.TypeString(t, pos)
		if !ok {
			return "", false
		}
		return s + "{}", true
	}
	return "", false
}

// TypeString writes t as a type expression valid at pos.
func (f *File) TypeString(t types.Type, pos token.Pos) (string, bool) {
	ok := true
	var check func(t types.Type)
	check = func(t types.Type) {
		if n, isNamed := types.Unalias(t).(*types.Named); isNamed {
			obj := n.Obj()
			if obj.Pkg() != nil && obj.Pkg() != f.Pkg && !obj.Exported() {
				ok = false
			}
			if obj.Pkg() == f.Pkg && obj.Parent() != f.Pkg.Scope() {
				ok = false // a local type; its name may not be visible at pos
			}
			if ta := n.TypeArgs(); ta != nil {
				for i := 0; i < ta.Len(); i++ {
					check(ta.At(i))
				}
			}
		}
	}
	check(t)
	q := func(p *types.Package) string {
		if p == f.Pkg {
			return ""
		}
		for _, imp := range f.AST.Imports {
			if importPath(imp) != p.Path() {
				continue
			}
			pn := f.pkgName(imp)
			if pn == nil || pn.Name() == "_" {
				continue
			}
			if pn.Name() == "." {
				return ""
			}
			if f.Resolves(pn.Name(), pos, pn) {
				return pn.Name()
			}
		}
		ok = false
		return p.Name()
	}
	s := types.TypeString(t, q)
	return s, ok
}

// DeclText is the text inserted before s.Stmt (at its position) that
// declares lhs from rhs and handles the error with handler, indented like
// the statement.
func (f *File) DeclText(s Site, lhs, errName, rhs, handler string) string {
	indent, _ := f.Indent(s.Stmt.Pos())
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %s := %s\n", lhs, errName, rhs)
	fmt.Fprintf(&b, "%sif %s != nil {\n", indent, errName)
	fmt.Fprintf(&b, "%s\t%s\n", indent, handler)
	fmt.Fprintf(&b, "%s}\n%s", indent, indent)
	return b.String()
}
