package constval

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// An Env binds the parameters of Fn to the arguments of one call, so
// values that flow into a helper or wrapper are followed back to the
// caller. nil is the unbound environment.
type Env struct {
	Fn     *types.Func
	Call   *ast.CallExpr
	Parent *Env
}

func (e *Env) depth() int {
	n := 0
	for ; e != nil; e = e.Parent {
		n++
	}
	return n
}

// A Source supplies what the package's own syntax cannot show: the
// values of functions and variables declared in other packages. An
// analyzer backs it with analysis facts that the declaring package
// exported (for example, the role name a Default method assigns to a
// field). Constants of kinds other than string are their Go text
// ("true", "42").
type Source interface {
	// Result returns what the index-th result of fn holds whenever fn
	// returns, for a function without a declaration in the package.
	Result(fn *types.Func, index int) (Value, bool)
	// Var returns what a struct field, or a package-level variable of
	// another package, holds wherever it is read.
	Var(v *types.Var) (Value, bool)
}

// Resolver follows the expressions of one package to their values.
type Resolver struct {
	Index *Index
	// Source supplies values declared outside the package; nil: none.
	Source Source
	// PointerFuncs are functions, by full name, that return their only
	// argument or a pointer to it (azcore's to.Ptr): seen through.
	PointerFuncs map[string]bool
	// SliceFuncs are functions, by full name, whose result holds their
	// arguments in order (azcore's to.SliceOfPtrs).
	SliceFuncs map[string]bool
}

// NewResolver returns a Resolver over ix with no Source and no pointer
// or slice functions.
func NewResolver(ix *Index) *Resolver { return &Resolver{Index: ix} }

func (r *Resolver) info() *types.Info { return r.Index.Info }

// funcName is the full name of the function a call resolves to, or "".
func (r *Resolver) funcName(call *ast.CallExpr) string {
	fn, ok := typeutil.Callee(r.info(), call).(*types.Func)
	if !ok {
		return ""
	}
	return fn.Origin().FullName()
}

// binding is where a variable's value comes from in en: the argument a
// parameter is bound to (bound), or the one expression ever assigned to
// it, evaluated in en unless the variable is package-level.
func (r *Resolver) binding(v *types.Var, en *Env) (x ast.Expr, xen *Env, bound, ok bool) {
	if arg, parent, ok := r.bound(v, en); ok {
		return arg, parent, true, true
	}
	x, ok = r.Index.Single(v)
	if !ok {
		return nil, nil, false, false
	}
	if PackageLevel(v) {
		en = nil // its initializer sees no parameter of en
	}
	return x, en, false, true
}

// bound returns the argument a parameter is bound to in en.
func (r *Resolver) bound(v *types.Var, en *Env) (ast.Expr, *Env, bool) {
	if en == nil {
		return nil, nil, false
	}
	sig, ok := en.Fn.Type().(*types.Signature)
	if !ok {
		return nil, nil, false
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i) != v {
			continue
		}
		if sig.Variadic() && i == sig.Params().Len()-1 || i >= len(en.Call.Args) || en.Call.Ellipsis.IsValid() {
			return nil, nil, false
		}
		return en.Call.Args[i], en.Parent, true
	}
	return nil, nil, false
}

// helperReturn follows a call to a function of the package whose body has
// exactly one return statement: it returns that statement's (first)
// result, the environment binding the callee's parameters, and the
// callee.
func (r *Resolver) helperReturn(call *ast.CallExpr, en *Env) (ast.Expr, *Env, *types.Func) {
	fn, ok := typeutil.Callee(r.info(), call).(*types.Func)
	if !ok || fn.Pkg() != r.Index.Pkg {
		return nil, nil, nil
	}
	fn = fn.Origin()
	decl := r.Index.Decl(fn)
	if decl == nil || decl.Body == nil || en.depth() > maxCalls {
		return nil, nil, nil
	}
	var rets []*ast.ReturnStmt
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			rets = append(rets, n)
		}
		return true
	})
	if len(rets) != 1 || len(rets[0].Results) == 0 {
		return nil, nil, nil
	}
	return rets[0].Results[0], &Env{Fn: fn, Call: call, Parent: en}, fn
}

// external returns what Source says a value declared elsewhere holds:
// the first result of a call, or a field or another package's variable
// named by a selector.
func (r *Resolver) external(e ast.Expr) (Value, bool) {
	if r.Source == nil {
		return nil, false
	}
	switch x := e.(type) {
	case *ast.CallExpr:
		fn, ok := typeutil.Callee(r.info(), x).(*types.Func)
		if !ok || r.Index.Decl(fn.Origin()) != nil {
			return nil, false
		}
		return r.Source.Result(fn.Origin(), 0)
	case *ast.SelectorExpr:
		v, ok := r.info().Uses[x.Sel].(*types.Var)
		if !ok || !v.IsField() && v.Pkg() == r.Index.Pkg {
			return nil, false
		}
		return r.Source.Var(v.Origin())
	}
	return nil, false
}

// step follows e one level toward the expression its value was built
// from: through & and *, conversions, pointer functions, bound
// parameters, variables assigned once and helper returns.
func (r *Resolver) step(e ast.Expr, en *Env) (ast.Expr, *Env, bool) {
	switch x := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return x.X, en, true
		}
	case *ast.StarExpr:
		return x.X, en, true
	case *ast.Ident:
		if v, ok := r.info().ObjectOf(x).(*types.Var); ok {
			if y, yen, _, ok := r.binding(v, en); ok {
				return y, yen, true
			}
		}
	case *ast.CallExpr:
		if tv, ok := r.info().Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			return x.Args[0], en, true
		}
		if r.PointerFuncs[r.funcName(x)] && len(x.Args) == 1 {
			return x.Args[0], en, true
		}
		if ret, ne, _ := r.helperReturn(x, en); ret != nil {
			return ret, ne, true
		}
	}
	return nil, nil, false
}

// CompositeLit follows e to the composite literal it was built from, and
// the environment of that literal.
func (r *Resolver) CompositeLit(e ast.Expr, en *Env) (*ast.CompositeLit, *Env) {
	for d := 0; d <= MaxDepth && e != nil; d++ {
		if lit, ok := ast.Unparen(e).(*ast.CompositeLit); ok {
			return lit, en
		}
		var ok bool
		if e, en, ok = r.step(e, en); !ok {
			return nil, nil
		}
	}
	return nil, nil
}

// Bool resolves a bool (or *bool) expression to a constant.
func (r *Resolver) Bool(e ast.Expr, en *Env) (val, ok bool) {
	for d := 0; d <= MaxDepth && e != nil; d++ {
		e = ast.Unparen(e)
		if tv := r.info().Types[e]; tv.Value != nil && tv.Value.Kind() == constant.Bool {
			return constant.BoolVal(tv.Value), true
		}
		if v, ok := r.external(e); ok {
			switch s, _ := v.Known(); s {
			case "true", "false":
				return s == "true", true
			}
			return false, false
		}
		var next bool
		if e, en, next = r.step(e, en); !next {
			return false, false
		}
	}
	return false, false
}

// Elems returns the element expressions of a slice built by a composite
// literal or a slice function, and their environment.
func (r *Resolver) Elems(e ast.Expr, en *Env) ([]ast.Expr, *Env, bool) {
	for d := 0; d <= MaxDepth && e != nil; d++ {
		switch x := ast.Unparen(e).(type) {
		case *ast.CompositeLit:
			var out []ast.Expr
			for _, el := range x.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					el = kv.Value
				}
				out = append(out, el)
			}
			return out, en, true
		case *ast.CallExpr:
			if r.SliceFuncs[r.funcName(x)] && !x.Ellipsis.IsValid() {
				return x.Args, en, true
			}
		}
		var ok bool
		if e, en, ok = r.step(e, en); !ok {
			return nil, nil, false
		}
	}
	return nil, nil, false
}

// Root returns the variable an expression names (through & and *), so
// later field assignments to it can be found.
func (r *Resolver) Root(e ast.Expr) types.Object {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return nil
			}
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.Ident:
			if v, ok := r.info().ObjectOf(x).(*types.Var); ok {
				return v
			}
			return nil
		default:
			return nil
		}
	}
}

// Fields maps the field names of a struct composite literal to their
// values.
func (r *Resolver) Fields(lit *ast.CompositeLit) map[string]ast.Expr {
	m := map[string]ast.Expr{}
	var st *types.Struct
	if t := r.info().TypeOf(lit); t != nil {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, _ = t.Underlying().(*types.Struct)
	}
	for i, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				m[id.Name] = kv.Value
			}
			continue
		}
		if st != nil && i < st.NumFields() {
			m[st.Field(i).Name()] = el
		}
	}
	return m
}

// IsNil reports whether e is the untyped nil.
func (r *Resolver) IsNil(e ast.Expr) bool {
	tv, ok := r.info().Types[ast.Unparen(e)]
	return ok && tv.IsNil()
}
