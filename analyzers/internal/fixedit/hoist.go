package fixedit

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/types/typeutil"
)

// Hoist moves a site out of code that runs once per request, per
// iteration or per item, so that a value meant to be made once (a
// credential, which caches its tokens) is: out of loop bodies, out of
// HTTP handler literals (func(http.ResponseWriter, *http.Request)) and
// out of function literals started as goroutines (`go func(){…}()`,
// errgroup.Group.Go, sync.WaitGroup.Go), to before the outermost such
// statement of the enclosing function. hoisted reports whether it moved;
// ok is false when the per-request literal has no enclosing function (a
// package-level handler).
func (f *File) Hoist(s Site) (out Site, hoisted, ok bool) {
	path := f.Path(s.Stmt.Pos(), s.Stmt.End())
	target := ast.Node(s.Stmt)
	for i := 0; i < len(path); i++ {
		switch p := path[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if p.Pos() < s.Stmt.Pos() {
				target = p
			}
		case *ast.FuncLit:
			if !f.perCall(p, path[i+1:]) {
				i = len(path)
				break
			}
			found := false
			for _, q := range path[i+1:] {
				if st, isStmt := q.(ast.Stmt); isStmt {
					target, found = st, true
					break
				}
				if _, isDecl := q.(*ast.FuncDecl); isDecl {
					break
				}
			}
			if !found {
				return s, false, false
			}
		case *ast.FuncDecl:
			i = len(path)
		}
	}
	if target == ast.Node(s.Stmt) {
		return s, false, true
	}
	t, ok := f.SiteOf(target)
	if !ok {
		return s, false, false
	}
	return t, true, true
}

// perCall reports whether the literal lit (with its enclosing nodes
// outer) runs once per request or per item.
func (f *File) perCall(lit *ast.FuncLit, outer []ast.Node) bool {
	if tv, ok := f.Info.Types[lit]; ok {
		if sig, ok := tv.Type.(*types.Signature); ok && isHandlerSig(sig) {
			return true
		}
	}
	if len(outer) < 1 {
		return false
	}
	call, ok := outer[0].(*ast.CallExpr)
	if !ok {
		return false
	}
	if call.Fun == ast.Expr(lit) && len(outer) > 1 {
		if _, isGo := outer[1].(*ast.GoStmt); isGo {
			return true
		}
	}
	if fn, _ := typeutil.Callee(f.Info, call).(*types.Func); fn != nil {
		switch fn.FullName() {
		case "(*golang.org/x/sync/errgroup.Group).Go", "(*sync.WaitGroup).Go":
			return true
		}
	}
	return false
}

func isHandlerSig(sig *types.Signature) bool {
	p := sig.Params()
	if p.Len() != 2 || sig.Results().Len() != 0 {
		return false
	}
	return isNetHTTP(p.At(0).Type(), "ResponseWriter") && isNetHTTP(types.Unalias(p.At(1).Type()), "*Request")
}

func isNetHTTP(t types.Type, name string) bool {
	t = types.Unalias(t)
	if ptr, ok := t.(*types.Pointer); ok && len(name) > 0 && name[0] == '*' {
		t, name = types.Unalias(ptr.Elem()), name[1:]
	}
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == name
}

// CommonSite returns the site before which one declaration serves every
// site of sites (all in one function): before the earliest statement,
// in the innermost block holding all of them, that holds one of them.
func (f *File) CommonSite(sites []Site) (Site, bool) {
	if len(sites) == 1 {
		return sites[0], true
	}
	type level struct {
		block ast.Node
		stmt  ast.Stmt
	}
	chains := make([][]level, len(sites))
	for k, s := range sites {
		if s.Func != sites[0].Func {
			return Site{}, false
		}
		path := f.Path(s.Stmt.Pos(), s.Stmt.End())
		var chain []level
		for i := 1; i < len(path); i++ {
			if path[i] == s.Func {
				break
			}
			if st, ok := path[i-1].(ast.Stmt); ok && stmtList(path[i]) != nil && inList(path[i], st) {
				chain = append(chain, level{path[i], st})
			}
		}
		// outermost first
		for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
			chain[i], chain[j] = chain[j], chain[i]
		}
		chains[k] = chain
	}
	depth := -1
	for d := 0; ; d++ {
		same := true
		for _, c := range chains {
			if d >= len(c) || c[d].block != chains[0][d].block {
				same = false
				break
			}
		}
		if !same {
			break
		}
		depth = d
	}
	if depth < 0 {
		return Site{}, false
	}
	var stmts []ast.Stmt
	for _, c := range chains {
		stmts = append(stmts, c[depth].stmt)
	}
	sort.Slice(stmts, func(i, j int) bool { return stmts[i].Pos() < stmts[j].Pos() })
	return f.SiteOf(stmts[0])
}

// InScope returns an expression, valid at pos, for a value already
// available there whose type satisfies match: a variable in scope (the
// innermost first; package-level variables last), or a field of the
// method's receiver. It returns the object it refers to.
func (f *File) InScope(pos token.Pos, match func(types.Type) bool) (string, types.Object, bool) {
	var pkgScope []types.Object
	for sc := f.scopeAt(pos); sc != nil && sc != types.Universe; sc = sc.Parent() {
		isPkg := sc == f.Pkg.Scope()
		for _, name := range sc.Names() {
			v, ok := sc.Lookup(name).(*types.Var)
			if !ok || name == "_" || !match(v.Type()) || !f.Resolves(name, pos, v) {
				continue
			}
			if isPkg {
				pkgScope = append(pkgScope, v)
				continue
			}
			return name, v, true
		}
	}
	if recv, field := f.receiverField(pos, match); recv != nil {
		return recv.Name() + "." + field.Name(), field, true
	}
	if len(pkgScope) > 0 {
		return pkgScope[0].Name(), pkgScope[0], true
	}
	return "", nil, false
}

// receiverField returns a direct field of the receiver of the method
// enclosing pos whose type satisfies match.
func (f *File) receiverField(pos token.Pos, match func(types.Type) bool) (*types.Var, *types.Var) {
	for _, p := range f.Path(pos, pos) {
		fd, ok := p.(*ast.FuncDecl)
		if !ok {
			continue
		}
		if fd.Recv == nil || len(fd.Recv.List) != 1 || len(fd.Recv.List[0].Names) != 1 {
			return nil, nil
		}
		recv, _ := f.Info.Defs[fd.Recv.List[0].Names[0]].(*types.Var)
		if recv == nil || recv.Name() == "_" || !f.Resolves(recv.Name(), pos, recv) {
			return nil, nil
		}
		t := recv.Type()
		if ptr, ok := types.Unalias(t).(*types.Pointer); ok {
			t = ptr.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			return nil, nil
		}
		for i := 0; i < st.NumFields(); i++ {
			fl := st.Field(i)
			if !fl.Embedded() && fl.Name() != "_" && match(fl.Type()) && (fl.Exported() || fl.Pkg() == f.Pkg) {
				return recv, fl
			}
		}
		return nil, nil
	}
	return nil, nil
}
