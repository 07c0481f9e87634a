package broadrole

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// index is what broadrole needs to know about a whole package before it
// can follow a value: every write to each variable, each constant's
// declaration, the package's functions and their static call sites, and
// struct-field assignments (p.RoleDefinitionID = …).
type index struct {
	pass *analysis.Pass

	// writes holds, per variable, the expressions assigned to it; a nil
	// entry is a write whose value is unknown (x += …, a, b := f()).
	writes map[types.Object][]ast.Expr
	// consts holds the declared expression of each package constant.
	consts map[*types.Const]ast.Expr
	// uses counts the identifiers that refer to each object.
	uses map[types.Object]int

	decls     map[*types.Func]*ast.FuncDecl
	callers   map[*types.Func][]*ast.CallExpr
	funcs     []*ast.FuncDecl // sorted by position, for enclosing()
	fieldSets []fieldSet
}

// fieldSet is an assignment root.f1.f2 = value.
type fieldSet struct {
	root  types.Object
	path  []string // field names from root, the assigned field last
	sel   *ast.SelectorExpr
	value ast.Expr
}

func newIndex(pass *analysis.Pass) *index {
	ix := &index{
		pass:    pass,
		writes:  map[types.Object][]ast.Expr{},
		consts:  map[*types.Const]ast.Expr{},
		uses:    map[types.Object]int{},
		decls:   map[*types.Func]*ast.FuncDecl{},
		callers: map[*types.Func][]*ast.CallExpr{},
	}
	info := pass.TypesInfo
	for _, obj := range info.Uses {
		if obj != nil && obj.Pkg() == pass.Pkg {
			ix.uses[obj]++
		}
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
					ix.decls[fn] = fd
				}
				ix.funcs = append(ix.funcs, fd)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				for i, name := range n.Names {
					obj := info.Defs[name]
					if c, ok := obj.(*types.Const); ok && len(n.Values) == len(n.Names) {
						ix.consts[c] = n.Values[i]
					}
					if v, ok := obj.(*types.Var); ok && len(n.Values) > 0 {
						if len(n.Values) == len(n.Names) {
							ix.writes[v] = append(ix.writes[v], n.Values[i])
						} else {
							ix.writes[v] = append(ix.writes[v], nil)
						}
					}
				}
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					var rhs ast.Expr
					if len(n.Lhs) == len(n.Rhs) && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) {
						rhs = n.Rhs[i]
					}
					switch lhs := ast.Unparen(lhs).(type) {
					case *ast.Ident:
						if obj := info.ObjectOf(lhs); obj != nil {
							ix.writes[obj] = append(ix.writes[obj], rhs)
						}
					case *ast.SelectorExpr:
						if root, path, ok := selectorPath(info, lhs); ok && rhs != nil {
							ix.fieldSets = append(ix.fieldSets, fieldSet{root: root, path: path, sel: lhs, value: rhs})
						}
					}
				}
			case *ast.IncDecStmt:
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
					if obj := info.ObjectOf(id); obj != nil {
						ix.writes[obj] = append(ix.writes[obj], nil)
					}
				}
			case *ast.RangeStmt:
				for _, e := range []ast.Expr{n.Key, n.Value} {
					if id, ok := e.(*ast.Ident); ok {
						if obj := info.ObjectOf(id); obj != nil {
							ix.writes[obj] = append(ix.writes[obj], nil)
						}
					}
				}
			case *ast.CallExpr:
				if fn := typeutil.StaticCallee(info, n); fn != nil && fn.Pkg() == pass.Pkg {
					fn = fn.Origin()
					ix.callers[fn] = append(ix.callers[fn], n)
				}
			}
			return true
		})
	}
	sort.Slice(ix.funcs, func(i, j int) bool { return ix.funcs[i].Pos() < ix.funcs[j].Pos() })
	return ix
}

// selectorPath splits x.a.b into its root object and field names; ok is
// false unless every selector is a struct field.
func selectorPath(info *types.Info, sel *ast.SelectorExpr) (types.Object, []string, bool) {
	var path []string
	var e ast.Expr = sel
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			s, ok := info.Selections[x]
			if !ok || s.Kind() != types.FieldVal {
				return nil, nil, false
			}
			path = append([]string{x.Sel.Name}, path...)
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.Ident:
			obj := info.ObjectOf(x)
			if obj == nil {
				return nil, nil, false
			}
			return obj, path, true
		default:
			return nil, nil, false
		}
	}
}

// single returns the one value ever assigned to v, if there is exactly one
// and it is known.
func (ix *index) single(v types.Object) (ast.Expr, bool) {
	w := ix.writes[v]
	if len(w) != 1 || w[0] == nil {
		return nil, false
	}
	return w[0], true
}

// enclosing returns the function declaration containing pos, or nil.
func (ix *index) enclosing(pos token.Pos) *ast.FuncDecl {
	i := sort.Search(len(ix.funcs), func(i int) bool { return ix.funcs[i].End() > pos })
	if i < len(ix.funcs) && ix.funcs[i].Pos() <= pos {
		return ix.funcs[i]
	}
	return nil
}

// fieldValues returns the values assigned to root.path... in statements
// of the form root.a.b = v (in source order).
func (ix *index) fieldValues(root types.Object, path ...string) []ast.Expr {
	var out []ast.Expr
	for _, fs := range ix.fieldSets {
		if fs.root == root && equalPath(fs.path, path) {
			out = append(out, fs.value)
		}
	}
	return out
}

func equalPath(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// isPackageLevel reports whether obj is declared at package scope.
func isPackageLevel(obj types.Object) bool {
	return obj.Pkg() != nil && obj.Parent() == obj.Pkg().Scope()
}
