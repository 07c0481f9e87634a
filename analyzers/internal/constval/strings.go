package constval

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path"
	"strings"
	"unicode"
)

// String resolves a string (or *string) expression evaluated in en.
func (r *Resolver) String(e ast.Expr, en *Env) Value { return r.str(e, en, 0) }

func (r *Resolver) str(e ast.Expr, en *Env, d int) Value {
	if e == nil {
		return unknown(nil)
	}
	if d > MaxDepth {
		return unknown(e)
	}
	info := r.info()
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.BasicLit:
		tv := info.Types[x]
		if tv.Value == nil {
			return unknown(e)
		}
		v := constValue(tv.Value)
		if s := v[0].Text; x.Kind == token.STRING && len(x.Value) >= 2 && x.Value[1:len(x.Value)-1] == s {
			v[0].Lit, v[0].Off = x, 1
		}
		return v
	case *ast.Ident:
		switch obj := info.ObjectOf(x).(type) {
		case *types.Const:
			if decl, ok := r.Index.consts[obj]; ok {
				return withVia(r.str(decl, nil, d+1), obj)
			}
			// Declared in another package (or a local constant): its
			// text is not in this package's literals, but it flowed
			// through obj.
			return withVia(constValue(obj.Val()), obj)
		case *types.Var:
			y, yen, bound, ok := r.binding(obj, en)
			if !ok {
				return unknown(e)
			}
			v := r.str(y, yen, d+1)
			if bound {
				for i := range v {
					if v[i].At == nil {
						v[i].At = y
					}
				}
				return v
			}
			if len(v) == 1 && v[0].Unknown() {
				v[0].Expr = e // the variable names the whole unknown value
			}
			return withVia(v, obj)
		}
	case *ast.SelectorExpr:
		if obj, ok := info.Uses[x.Sel].(*types.Const); ok {
			return withVia(constValue(obj.Val()), obj) // pkg.Const
		}
		if v, ok := r.literalField(x, en, d); ok {
			return v
		}
	case *ast.BinaryExpr:
		if x.Op == token.ADD && isString(info.TypeOf(x)) {
			l := r.str(x.X, en, d+1)
			return append(append(Value{}, l...), r.str(x.Y, en, d+1)...)
		}
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return r.str(x.X, en, d+1)
		}
	case *ast.StarExpr:
		return r.str(x.X, en, d+1)
	case *ast.CallExpr:
		if v, ok := r.call(x, en, d); ok {
			return v
		}
	}
	if tv := info.Types[e]; tv.Value != nil {
		return constValue(tv.Value)
	}
	if v, ok := r.external(e); ok {
		return v
	}
	return unknown(e)
}

// call resolves a call with a string result: conversions between string
// types, pointer functions, fmt.Sprintf, path.Join, strings.Join, the
// strings.Trim family and helpers of the package; ok is false for other
// calls.
func (r *Resolver) call(call *ast.CallExpr, en *Env, d int) (Value, bool) {
	info := r.info()
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		// string(b), MyID(s), []byte(s) keep the text; string(rune(65))
		// does not, and is constant.
		if len(call.Args) == 1 && isText(tv.Type) && isText(info.TypeOf(call.Args[0])) {
			return r.str(call.Args[0], en, d+1), true
		}
		return nil, false
	}
	name := r.funcName(call)
	args := call.Args
	if call.Ellipsis.IsValid() {
		return nil, false
	}
	switch {
	case r.PointerFuncs[name] && len(args) == 1:
		return r.str(args[0], en, d+1), true
	case name == "fmt.Sprintf" && len(args) >= 1:
		return r.sprintf(call, en, d), true
	case name == "path.Join":
		var parts []Value
		for _, a := range args {
			parts = append(parts, r.str(a, en, d+1))
		}
		return joinPath(parts), true
	case name == "strings.Join" && len(args) == 2:
		elems, een, ok := r.Elems(args[0], en)
		if !ok {
			return unknown(call), true
		}
		sep := r.str(args[1], en, d+1)
		var out Value
		for i, x := range elems {
			if i > 0 {
				out = append(out, sep...)
			}
			out = append(out, r.str(x, een, d+1)...)
		}
		return out, true
	case name == "strings.TrimSpace" && len(args) == 1:
		return trimFunc(r.str(args[0], en, d+1), unicode.IsSpace), true
	case (name == "strings.Trim" || name == "strings.TrimLeft" || name == "strings.TrimRight") && len(args) == 2:
		cutset, ok := r.str(args[1], en, d+1).Known()
		if !ok {
			return unknown(call), true
		}
		v := r.str(args[0], en, d+1)
		in := func(c rune) bool { return strings.ContainsRune(cutset, c) }
		if name != "strings.TrimRight" {
			v = trimLeft(v, in)
		}
		if name != "strings.TrimLeft" {
			v = trimRight(v, in)
		}
		return v, true
	case (name == "strings.TrimPrefix" || name == "strings.TrimSuffix") && len(args) == 2:
		affix, ok := r.str(args[1], en, d+1).Known()
		if !ok {
			return unknown(call), true
		}
		v := r.str(args[0], en, d+1)
		if name == "strings.TrimPrefix" {
			return trimPrefix(v, affix), true
		}
		return trimSuffix(v, affix), true
	}
	if ret, ne, fn := r.helperReturn(call, en); ret != nil {
		v := r.str(ret, ne, d+1)
		decl := r.Index.Decl(fn)
		for i := range v {
			if v[i].Lit != nil && decl.Pos() <= v[i].Lit.Pos() && v[i].Lit.End() <= decl.End() {
				v[i].Via = append(v[i].Via, fn)
			}
		}
		return v, true
	}
	return nil, false
}

// sprintf resolves fmt.Sprintf with a known format: string operands of
// %s and %v are followed, other constant operands formatted, anything
// else is unknown.
func (r *Resolver) sprintf(call *ast.CallExpr, en *Env, d int) Value {
	info := r.info()
	fv := r.str(call.Args[0], en, d+1)
	fs, ok := fv.Known()
	if !ok {
		return unknown(call)
	}
	args := call.Args[1:]
	var out Value
	argi := 0
	for i := 0; i < len(fs); {
		j := strings.IndexByte(fs[i:], '%')
		if j < 0 {
			out = append(out, fv.Slice(i, len(fs))...)
			break
		}
		out = append(out, fv.Slice(i, i+j)...)
		k := i + j + 1
		for k < len(fs) && strings.IndexByte("+-# 0", fs[k]) >= 0 {
			k++
		}
		for k < len(fs) && (fs[k] >= '0' && fs[k] <= '9' || fs[k] == '.') {
			k++
		}
		if k >= len(fs) || fs[k] == '[' || fs[k] == '*' {
			return unknown(call)
		}
		spec, verb := fs[i+j:k+1], fs[k]
		i = k + 1
		if verb == '%' {
			out = append(out, Piece{Text: "%"})
			continue
		}
		if argi >= len(args) {
			return unknown(call)
		}
		a := args[argi]
		argi++
		if (verb == 's' || verb == 'v') && len(spec) == 2 && isString(info.TypeOf(a)) {
			out = append(out, r.str(a, en, d+1)...)
			continue
		}
		if tv := info.Types[a]; tv.Value != nil {
			out = append(out, Piece{Text: fmt.Sprintf(spec, goValue(tv.Value))})
			continue
		}
		out = append(out, Piece{Text: Unknown})
	}
	if argi < len(args) {
		// fmt appends %!(EXTRA …) for operands no verb consumed.
		out = append(out, Piece{Text: Unknown})
	}
	return out
}

// joinPath is path.Join over resolved parts, keeping the pieces when
// cleaning the joined path changes nothing.
func joinPath(parts []Value) Value {
	var out Value
	for _, p := range parts {
		if p.String() == "" {
			continue
		}
		if len(out) > 0 {
			out = append(out, Piece{Text: "/"})
		}
		out = append(out, p...)
	}
	s := out.String()
	if s == "" {
		return Text("")
	}
	if c := path.Clean(s); c != s {
		return Text(c)
	}
	return out
}

// trimFunc is strings.TrimFunc over a resolved value.
func trimFunc(v Value, f func(rune) bool) Value { return trimRight(trimLeft(v, f), f) }

// trimLeft drops the leading runes f selects from the known text at the
// start of v. An unknown piece the trim reaches may lose runes of its
// own: it no longer stands for its expression.
func trimLeft(v Value, f func(rune) bool) Value {
	v = append(Value{}, v...)
	for len(v) > 0 {
		p := &v[0]
		if p.Unknown() {
			p.Expr = nil
			return v
		}
		t := strings.TrimLeftFunc(p.Text, f)
		if t != "" {
			if p.Lit != nil {
				p.Off += len(p.Text) - len(t)
			}
			p.Text = t
			return v
		}
		v = v[1:]
	}
	return v
}

// trimRight is trimLeft at the end of v.
func trimRight(v Value, f func(rune) bool) Value {
	v = append(Value{}, v...)
	for len(v) > 0 {
		p := &v[len(v)-1]
		if p.Unknown() {
			p.Expr = nil
			return v
		}
		if t := strings.TrimRightFunc(p.Text, f); t != "" {
			p.Text = t
			return v
		}
		v = v[:len(v)-1]
	}
	return v
}

// trimPrefix is strings.TrimPrefix over a resolved value: exact when
// the start of v is known far enough to decide.
func trimPrefix(v Value, prefix string) Value {
	s := v.String()
	known := strings.Index(s, Unknown)
	switch {
	case known < 0 || known >= len(prefix):
		if strings.HasPrefix(s, prefix) {
			return v.Slice(len(prefix), len(s))
		}
		return v
	case !strings.HasPrefix(prefix, s[:known]):
		return v // the known start already differs
	}
	// The prefix may end inside the unknown part.
	out := v.Slice(known, len(s))
	out[0].Expr = nil
	return out
}

// trimSuffix is strings.TrimSuffix over a resolved value.
func trimSuffix(v Value, suffix string) Value {
	s := v.String()
	tail := len(s) - strings.LastIndex(s, Unknown) - 1 // known bytes at the end
	switch {
	case tail == len(s) || tail >= len(suffix):
		if strings.HasSuffix(s, suffix) {
			return v.Slice(0, len(s)-len(suffix))
		}
		return v
	case !strings.HasSuffix(suffix, s[len(s)-tail:]):
		return v
	}
	out := v.Slice(0, len(s)-tail)
	out[len(out)-1].Expr = nil
	return out
}

// isString reports whether t is a string type.
func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// isText reports whether t holds text as is: a string or byte slice.
func isText(t types.Type) bool {
	if isString(t) {
		return true
	}
	if t == nil {
		return false
	}
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}

// literalField resolves v.F where v is built by a struct composite
// literal (cfg := Config{Key: "…"}) and F is never assigned afterwards
// (no cfg.Key = … in the package): the literal's field value.
func (r *Resolver) literalField(x *ast.SelectorExpr, en *Env, d int) (Value, bool) {
	sel, ok := r.info().Selections[x]
	if !ok || sel.Kind() != types.FieldVal || len(sel.Index()) != 1 {
		return nil, false
	}
	lit, lenv := r.CompositeLit(x.X, en)
	if lit == nil {
		return nil, false
	}
	if root := r.Root(x.X); root != nil && len(r.Index.FieldValues(root, x.Sel.Name)) > 0 {
		return nil, false
	}
	fe, ok := r.Fields(lit)[x.Sel.Name]
	if !ok {
		return nil, false
	}
	return r.str(fe, lenv, d+1), true
}
