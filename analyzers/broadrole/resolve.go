package broadrole

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
)

// wild stands for a part of a string the analyzer cannot know (a function
// parameter, a value read at run time). It is one byte that never occurs
// in a role ID, a GUID or a scope.
const wild = "\x00"

// maxDepth bounds how far values are followed (variables, constants,
// helper functions, call sites).
const maxDepth = 16

// A piece is part of a resolved string, with where it came from: a fix
// can only edit text that was copied verbatim from one string literal.
type piece struct {
	text string
	lit  *ast.BasicLit // the literal text was copied from verbatim, or nil
	off  int           // byte offset of text in lit.Value
	// at is the call-site argument that carried this piece into a
	// function (the outermost one), or nil: where to report a finding
	// about it.
	at ast.Expr
	// via lists the named constants, variables and helper functions the
	// text flowed through; editing the literal changes all their uses.
	via []types.Object
}

// value is a resolved string expression.
type value []piece

func unknown() value { return value{{text: wild}} }

func (v value) String() string {
	var b strings.Builder
	for _, p := range v {
		b.WriteString(p.text)
	}
	return b.String()
}

// slice returns the pieces covering bytes [start, end) of v.String().
func (v value) slice(start, end int) value {
	var out value
	pos := 0
	for _, p := range v {
		a, b := max(start, pos), min(end, pos+len(p.text))
		if a < b {
			q := p
			q.text = p.text[a-pos : b-pos]
			if q.lit != nil {
				q.off = p.off + a - pos
			}
			out = append(out, q)
		}
		pos += len(p.text)
	}
	return out
}

// env binds the parameters of fn to the arguments of one call, so values
// that flow into a helper or wrapper are followed back to the caller.
type env struct {
	fn     *types.Func
	call   *ast.CallExpr
	parent *env
}

func (e *env) depth() int {
	n := 0
	for ; e != nil; e = e.parent {
		n++
	}
	return n
}

// resolver follows expressions to the values they can have.
type resolver struct {
	ix *index
}

func (r *resolver) info() *types.Info { return r.ix.pass.TypesInfo }

// str resolves a string (or *string) expression.
func (r *resolver) str(e ast.Expr, en *env) value { return r.strD(e, en, 0) }

func (r *resolver) strD(e ast.Expr, en *env, d int) value {
	if d > maxDepth || e == nil {
		return unknown()
	}
	info := r.info()
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.BasicLit:
		tv := info.Types[e]
		if tv.Value == nil {
			return unknown()
		}
		if tv.Value.Kind() != constant.String {
			return constValue(tv.Value)
		}
		s := constant.StringVal(tv.Value)
		p := piece{text: s}
		if len(e.Value) >= 2 && e.Value[1:len(e.Value)-1] == s {
			p.lit, p.off = e, 1
		}
		return value{p}
	case *ast.Ident:
		switch obj := info.ObjectOf(e).(type) {
		case *types.Const:
			if x, ok := r.ix.consts[obj]; ok {
				return withVia(r.strD(x, nil, d+1), obj)
			}
			return constValue(obj.Val())
		case *types.Var:
			if arg, parent, ok := r.bound(obj, en); ok {
				v := r.strD(arg, parent, d+1)
				for i := range v {
					if v[i].at == nil {
						v[i].at = arg
					}
				}
				return v
			}
			if x, ok := r.ix.single(obj); ok {
				if isPackageLevel(obj) {
					en = nil
				}
				return withVia(r.strD(x, en, d+1), obj)
			}
		}
		return unknown()
	case *ast.BinaryExpr:
		if e.Op == token.ADD && isString(info.TypeOf(e)) {
			x := r.strD(e.X, en, d+1)
			y := r.strD(e.Y, en, d+1)
			return append(append(value{}, x...), y...)
		}
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return r.strD(e.X, en, d+1)
		}
	case *ast.StarExpr:
		return r.strD(e.X, en, d+1)
	case *ast.CallExpr:
		return r.call(e, en, d)
	}
	if tv := info.Types[e]; tv.Value != nil {
		return constValue(tv.Value)
	}
	return unknown()
}

// bound returns the argument a parameter is bound to in en.
func (r *resolver) bound(v *types.Var, en *env) (ast.Expr, *env, bool) {
	if en == nil {
		return nil, nil, false
	}
	sig, ok := en.fn.Type().(*types.Signature)
	if !ok {
		return nil, nil, false
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i) != v {
			continue
		}
		if sig.Variadic() && i == sig.Params().Len()-1 || i >= len(en.call.Args) || en.call.Ellipsis.IsValid() {
			return nil, nil, false
		}
		return en.call.Args[i], en.parent, true
	}
	return nil, nil, false
}

func (r *resolver) call(call *ast.CallExpr, en *env, d int) value {
	info := r.info()
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		return r.strD(call.Args[0], en, d+1) // string(x), MyID(x)
	}
	name := lintutil.FuncName(info, call)
	switch {
	case pointerFuncs[name] && len(call.Args) == 1:
		return r.strD(call.Args[0], en, d+1)
	case name == "fmt.Sprintf" && len(call.Args) >= 1 && !call.Ellipsis.IsValid():
		return r.sprintf(call, en, d)
	case name == "path.Join" && !call.Ellipsis.IsValid():
		var parts []value
		for _, a := range call.Args {
			parts = append(parts, r.strD(a, en, d+1))
		}
		return joinPath(parts)
	case name == "strings.Join" && len(call.Args) == 2:
		elems, een, ok := r.slice(call.Args[0], en, d+1)
		if !ok {
			return unknown()
		}
		sep := r.strD(call.Args[1], en, d+1)
		var out value
		for i, x := range elems {
			if i > 0 {
				out = append(out, sep...)
			}
			out = append(out, r.strD(x, een, d+1)...)
		}
		return out
	}
	if ret, ne, fn := r.helperReturn(call, en); ret != nil {
		v := r.strD(ret, ne, d+1)
		decl := r.ix.decls[fn]
		for i := range v {
			if v[i].lit != nil && decl.Pos() <= v[i].lit.Pos() && v[i].lit.End() <= decl.End() {
				v[i].via = append(v[i].via, fn)
			}
		}
		return v
	}
	return unknown()
}

// helperReturn follows a call to a function of this package whose body
// has exactly one return statement: it returns that statement's (first)
// result and the environment binding the callee's parameters.
func (r *resolver) helperReturn(call *ast.CallExpr, en *env) (ast.Expr, *env, *types.Func) {
	fn, ok := typeutil.Callee(r.info(), call).(*types.Func)
	if !ok || fn.Pkg() != r.ix.pass.Pkg {
		return nil, nil, nil
	}
	fn = fn.Origin()
	decl := r.ix.decls[fn]
	if decl == nil || decl.Body == nil || en.depth() > 4 {
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
	return rets[0].Results[0], &env{fn: fn, call: call, parent: en}, fn
}

// sprintf resolves fmt.Sprintf with a known format: constant arguments are
// substituted, unknown ones become wild.
func (r *resolver) sprintf(call *ast.CallExpr, en *env, d int) value {
	info := r.info()
	fv := r.strD(call.Args[0], en, d+1)
	fs := fv.String()
	if strings.Contains(fs, wild) {
		return unknown()
	}
	args := call.Args[1:]
	var out value
	argi := 0
	for i := 0; i < len(fs); {
		j := strings.IndexByte(fs[i:], '%')
		if j < 0 {
			out = append(out, fv.slice(i, len(fs))...)
			break
		}
		out = append(out, fv.slice(i, i+j)...)
		k := i + j + 1
		for k < len(fs) && strings.IndexByte("+-# 0", fs[k]) >= 0 {
			k++
		}
		for k < len(fs) && (fs[k] >= '0' && fs[k] <= '9' || fs[k] == '.') {
			k++
		}
		if k >= len(fs) || fs[k] == '[' || fs[k] == '*' {
			return unknown()
		}
		spec, verb := fs[i+j:k+1], fs[k]
		i = k + 1
		if verb == '%' {
			out = append(out, piece{text: "%"})
			continue
		}
		if argi >= len(args) {
			return unknown()
		}
		a := args[argi]
		argi++
		if (verb == 's' || verb == 'v') && len(spec) == 2 && isString(info.TypeOf(a)) {
			out = append(out, r.strD(a, en, d+1)...)
			continue
		}
		if tv := info.Types[a]; tv.Value != nil {
			out = append(out, piece{text: fmt.Sprintf(spec, goValue(tv.Value))})
			continue
		}
		out = append(out, piece{text: wild})
	}
	return out
}

// slice returns the element expressions of a slice built by a composite
// literal or to.SliceOfPtrs, following variables assigned once.
func (r *resolver) slice(e ast.Expr, en *env, d int) ([]ast.Expr, *env, bool) {
	if d > maxDepth {
		return nil, nil, false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		var out []ast.Expr
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			out = append(out, el)
		}
		return out, en, true
	case *ast.Ident:
		if v, ok := r.info().ObjectOf(e).(*types.Var); ok {
			if arg, parent, ok := r.bound(v, en); ok {
				return r.slice(arg, parent, d+1)
			}
			if x, ok := r.ix.single(v); ok {
				if isPackageLevel(v) {
					en = nil
				}
				return r.slice(x, en, d+1)
			}
		}
	case *ast.CallExpr:
		if lintutil.FuncName(r.info(), e) == toSliceOfPtrs && !e.Ellipsis.IsValid() {
			return e.Args, en, true
		}
		if ret, ne, _ := r.helperReturn(e, en); ret != nil {
			return r.slice(ret, ne, d+1)
		}
	}
	return nil, nil, false
}

// lit follows an expression to the composite literal it was built from:
// through &, *, to.Ptr, variables assigned once, helper returns and bound
// parameters.
func (r *resolver) lit(e ast.Expr, en *env) (*ast.CompositeLit, *env) {
	for d := 0; d < maxDepth && e != nil; d++ {
		switch x := ast.Unparen(e).(type) {
		case *ast.CompositeLit:
			return x, en
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return nil, nil
			}
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.Ident:
			v, ok := r.info().ObjectOf(x).(*types.Var)
			if !ok {
				return nil, nil
			}
			if arg, parent, ok := r.bound(v, en); ok {
				e, en = arg, parent
				continue
			}
			rhs, ok := r.ix.single(v)
			if !ok {
				return nil, nil
			}
			if isPackageLevel(v) {
				en = nil
			}
			e = rhs
		case *ast.CallExpr:
			if pointerFuncs[lintutil.FuncName(r.info(), x)] && len(x.Args) == 1 {
				e = x.Args[0]
				continue
			}
			ret, ne, _ := r.helperReturn(x, en)
			if ret == nil {
				return nil, nil
			}
			e, en = ret, ne
		default:
			return nil, nil
		}
	}
	return nil, nil
}

// rootOf returns the variable an expression names (through & and *), so
// later field assignments to it can be found.
func (r *resolver) rootOf(e ast.Expr) types.Object {
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

// fields maps the field names of a struct composite literal to their
// values.
func (r *resolver) fields(lit *ast.CompositeLit) map[string]ast.Expr {
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

// boolean resolves a bool (or *bool) expression to a constant.
func (r *resolver) boolean(e ast.Expr, en *env) (val, ok bool) {
	for d := 0; d < maxDepth && e != nil; d++ {
		e = ast.Unparen(e)
		if tv := r.info().Types[e]; tv.Value != nil && tv.Value.Kind() == constant.Bool {
			return constant.BoolVal(tv.Value), true
		}
		switch x := e.(type) {
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return false, false
			}
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.Ident:
			v, ok := r.info().ObjectOf(x).(*types.Var)
			if !ok {
				return false, false
			}
			if arg, parent, ok := r.bound(v, en); ok {
				e, en = arg, parent
				continue
			}
			rhs, ok := r.ix.single(v)
			if !ok {
				return false, false
			}
			e = rhs
		case *ast.CallExpr:
			if !pointerFuncs[lintutil.FuncName(r.info(), x)] || len(x.Args) != 1 {
				return false, false
			}
			e = x.Args[0]
		default:
			return false, false
		}
	}
	return false, false
}

// isNil reports whether e is the untyped nil.
func (r *resolver) isNil(e ast.Expr) bool {
	tv, ok := r.info().Types[ast.Unparen(e)]
	return ok && tv.IsNil()
}

func withVia(v value, obj types.Object) value {
	for i := range v {
		v[i].via = append(v[i].via, obj)
	}
	return v
}

func constValue(c constant.Value) value {
	if c.Kind() == constant.String {
		return value{{text: constant.StringVal(c)}}
	}
	return value{{text: fmt.Sprint(goValue(c))}}
}

func goValue(c constant.Value) any {
	switch c.Kind() {
	case constant.String:
		return constant.StringVal(c)
	case constant.Bool:
		return constant.BoolVal(c)
	case constant.Int:
		if i, ok := constant.Int64Val(c); ok {
			return i
		}
	case constant.Float:
		f, _ := constant.Float64Val(c)
		return f
	}
	return c.ExactString()
}

// joinPath is path.Join over resolved parts, keeping the pieces when
// cleaning the joined path changes nothing.
func joinPath(parts []value) value {
	var out value
	for _, p := range parts {
		if p.String() == "" {
			continue
		}
		if len(out) > 0 {
			out = append(out, piece{text: "/"})
		}
		out = append(out, p...)
	}
	s := out.String()
	if s == "" {
		return value{{text: ""}}
	}
	if c := path.Clean(s); c != s {
		return value{{text: c}}
	}
	return out
}

func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}
