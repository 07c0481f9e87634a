package constval

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"

	"golang.org/x/tools/go/types/typeutil"
)

// Index is what following a value needs to know about a whole package:
// every write to each variable, each constant's declaration, the
// package's functions and their static call sites, and struct-field
// assignments (p.RoleDefinitionID = …). Build it once per package.
type Index struct {
	Pkg  *types.Package
	Info *types.Info

	// writes holds, per variable, the expressions assigned to it; a nil
	// entry is a write whose value is not one expression (x += …, a
	// range variable, var x T, &x handed to a function).
	writes map[types.Object][]ast.Expr
	// consts holds the declared expression of each package constant.
	consts map[*types.Const]ast.Expr
	// uses counts the identifiers that refer to each object.
	uses map[types.Object]int

	decls     map[*types.Func]*ast.FuncDecl
	callers   map[*types.Func][]*ast.CallExpr
	funcs     []*ast.FuncDecl // sorted by position, for Enclosing
	fieldSets []FieldSet

	litVars map[*ast.CompositeLit]types.Object // built by VarOf
}

// A FieldSet is an assignment Root.f1.f2 = Value.
type FieldSet struct {
	Root  types.Object
	Path  []string // field names from Root, the assigned field last
	Sel   *ast.SelectorExpr
	Value ast.Expr
}

// NewIndex indexes the files of a type-checked package.
func NewIndex(pkg *types.Package, info *types.Info, files []*ast.File) *Index {
	ix := &Index{
		Pkg:     pkg,
		Info:    info,
		writes:  map[types.Object][]ast.Expr{},
		consts:  map[*types.Const]ast.Expr{},
		uses:    map[types.Object]int{},
		decls:   map[*types.Func]*ast.FuncDecl{},
		callers: map[*types.Func][]*ast.CallExpr{},
	}
	for _, obj := range info.Uses {
		if obj != nil && obj.Pkg() == pkg {
			ix.uses[obj]++
		}
	}
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
					ix.decls[fn] = fd
				}
				ix.funcs = append(ix.funcs, fd)
			}
		}
		ast.Inspect(f, ix.visit)
	}
	slices.SortFunc(ix.funcs, func(a, b *ast.FuncDecl) int { return cmp.Compare(a.Pos(), b.Pos()) })
	return ix
}

func (ix *Index) visit(n ast.Node) bool {
	info := ix.Info
	switch n := n.(type) {
	case *ast.ValueSpec:
		for i, name := range n.Names {
			switch obj := info.Defs[name].(type) {
			case *types.Const:
				if len(n.Values) == len(n.Names) {
					ix.consts[obj] = n.Values[i]
				}
			case *types.Var:
				ix.write(name, pairedValue(n.Values, len(n.Names), i))
			}
		}
	case *ast.AssignStmt:
		for i, lhs := range n.Lhs {
			var rhs ast.Expr
			if n.Tok == token.ASSIGN || n.Tok == token.DEFINE {
				rhs = pairedValue(n.Rhs, len(n.Lhs), i)
			}
			if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok {
				if root, path, ok := selectorPath(info, sel); ok && rhs != nil {
					ix.fieldSets = append(ix.fieldSets, FieldSet{Root: root, Path: path, Sel: sel, Value: rhs})
				}
				continue
			}
			ix.write(lhs, rhs)
		}
	case *ast.IncDecStmt:
		ix.write(n.X, nil)
	case *ast.RangeStmt:
		for _, e := range []ast.Expr{n.Key, n.Value} {
			if e != nil {
				ix.write(e, nil)
			}
		}
	case *ast.CallExpr:
		if fn := typeutil.StaticCallee(info, n); fn != nil && fn.Pkg() == ix.Pkg {
			fn = fn.Origin()
			ix.callers[fn] = append(ix.callers[fn], n)
		}
		// f(&x) may write x through the pointer (flag.StringVar,
		// json.Unmarshal). A struct handed over so is filled field by
		// field, which the field sets do not see either way; its
		// literal stays the one it was built from.
		for _, a := range n.Args {
			if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND {
				if t := info.TypeOf(u.X); t != nil && !isStruct(t) {
					ix.write(u.X, nil)
				}
			}
		}
	}
	return true
}

// pairedValue returns the expression the i-th of n names is assigned
// from values: its own, the call when one call yields every value (the
// first name gets the call's first result), or nil.
func pairedValue(values []ast.Expr, n, i int) ast.Expr {
	switch {
	case len(values) == n:
		return values[i]
	case len(values) == 1 && i == 0:
		if call, ok := ast.Unparen(values[0]).(*ast.CallExpr); ok {
			return call
		}
	}
	return nil
}

// write records a write of value (nil: unknown) to the variable lhs names.
func (ix *Index) write(lhs ast.Expr, value ast.Expr) {
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if !ok {
		return
	}
	if obj := ix.Info.ObjectOf(id); obj != nil {
		ix.writes[obj] = append(ix.writes[obj], value)
	}
}

func isStruct(t types.Type) bool {
	_, ok := t.Underlying().(*types.Struct)
	return ok
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

// Single returns the one value ever assigned to v, if there is exactly
// one write and its value is one expression.
func (ix *Index) Single(v types.Object) (ast.Expr, bool) {
	w := ix.writes[v]
	if len(w) != 1 || w[0] == nil {
		return nil, false
	}
	return w[0], true
}

// Uses counts the identifiers of the package that refer to obj.
func (ix *Index) Uses(obj types.Object) int { return ix.uses[obj] }

// Decl returns the declaration of a function of the package, or nil.
func (ix *Index) Decl(fn *types.Func) *ast.FuncDecl { return ix.decls[fn] }

// Enclosing returns the function declaration containing pos, or nil.
func (ix *Index) Enclosing(pos token.Pos) *ast.FuncDecl {
	i := sort.Search(len(ix.funcs), func(i int) bool { return ix.funcs[i].End() > pos })
	if i < len(ix.funcs) && ix.funcs[i].Pos() <= pos {
		return ix.funcs[i]
	}
	return nil
}

// FieldSets lists the assignments to struct fields of variables, in
// source order.
func (ix *Index) FieldSets() []FieldSet { return ix.fieldSets }

// FieldValues returns the values assigned to root.path... in statements
// of the form root.a.b = v (in source order).
func (ix *Index) FieldValues(root types.Object, path ...string) []ast.Expr {
	var out []ast.Expr
	for _, fs := range ix.fieldSets {
		if fs.Root == root && slices.Equal(fs.Path, path) {
			out = append(out, fs.Value)
		}
	}
	return out
}

// VarOf returns the variable a composite literal (or its address) is
// assigned to, when that is the variable's only write.
func (ix *Index) VarOf(lit *ast.CompositeLit) types.Object {
	if ix.litVars == nil {
		ix.litVars = map[*ast.CompositeLit]types.Object{}
		for obj := range ix.writes {
			x, ok := ix.Single(obj)
			if !ok {
				continue
			}
			x = ast.Unparen(x)
			if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.AND {
				x = ast.Unparen(u.X)
			}
			if l, ok := x.(*ast.CompositeLit); ok {
				ix.litVars[l] = obj
			}
		}
	}
	return ix.litVars[lit]
}

// PackageLevel reports whether obj is declared at package scope.
func PackageLevel(obj types.Object) bool {
	return obj.Pkg() != nil && obj.Parent() == obj.Pkg().Scope()
}

// maxContexts bounds the environments Contexts returns.
const maxContexts = 64

// Contexts returns the environments to evaluate code of fd in: one per
// static call site in the package (two levels of callers up), plus the
// unbound environment (nil) when callers outside the package or dynamic
// calls may exist.
func (ix *Index) Contexts(fd *ast.FuncDecl) []*Env { return ix.contexts(fd, 0) }

func (ix *Index) contexts(fd *ast.FuncDecl, depth int) []*Env {
	if fd == nil {
		return []*Env{nil}
	}
	fn, ok := ix.Info.Defs[fd.Name].(*types.Func)
	if !ok {
		return []*Env{nil}
	}
	callers := ix.callers[fn]
	if depth >= 2 || len(callers) == 0 {
		return []*Env{nil}
	}
	var out []*Env
	if fn.Exported() || ix.uses[fn] > len(callers) {
		out = append(out, nil)
	}
	for _, call := range callers {
		for _, pe := range ix.contexts(ix.Enclosing(call.Pos()), depth+1) {
			out = append(out, &Env{Fn: fn, Call: call, Parent: pe})
			if len(out) >= maxContexts {
				return out
			}
		}
	}
	return out
}
