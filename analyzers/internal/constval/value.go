package constval

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"strings"
)

// Unknown is the text of a part of a value that cannot be known
// statically. It is one byte that never occurs in the identifiers, URLs,
// GUIDs and resource IDs the analyzers look for, so a resolved string can
// be matched with it in place (a NUL in a known string merely reads as
// unknown).
const Unknown = "\x00"

// MaxDepth bounds every walk: how many expressions (variables, constants,
// operands, helper results, call-site arguments) a value is followed
// through.
const MaxDepth = 16

// maxCalls bounds how many helper calls deep a value is followed.
const maxCalls = 4

// A Piece is a part of a resolved value, with where it came from.
type Piece struct {
	Text string
	// Lit is the string literal Text was copied from verbatim, and Off
	// the byte offset of Text in Lit.Value; nil when Text is computed.
	Lit *ast.BasicLit
	Off int
	// Expr, for an unknown piece, is the expression it is the value of:
	// the outermost variable that holds it, else the expression that
	// could not be resolved; nil when the text went through a function
	// that changed it (a %q verb, a trim that reached it). It may lie in
	// a helper's body: a consumer that writes it elsewhere checks that it
	// resolves there.
	Expr ast.Expr
	// At is the call-site argument that carried the piece into a
	// function (the outermost one), or nil: where a finding about the
	// piece is best reported.
	At ast.Expr
	// Via lists the named constants, variables and helper functions the
	// text flowed through: editing Lit changes all their uses.
	Via []types.Object
}

// Unknown reports whether the piece stands for an unknown part.
func (p Piece) Unknown() bool { return p.Text == Unknown }

// A Value is a resolved expression: its pieces in order.
type Value []Piece

// Text returns the known value s.
func Text(s string) Value { return Value{{Text: s}} }

// unknown returns a value of which nothing is known, standing for e.
func unknown(e ast.Expr) Value { return Value{{Text: Unknown, Expr: e}} }

// String returns the value's text, unknown parts as Unknown.
func (v Value) String() string {
	var b strings.Builder
	for _, p := range v {
		b.WriteString(p.Text)
	}
	return b.String()
}

// Known returns the value's text when no part of it is unknown.
func (v Value) Known() (string, bool) {
	s := v.String()
	if strings.Contains(s, Unknown) {
		return "", false
	}
	return s, true
}

// Slice returns the pieces covering bytes [start, end) of v.String().
func (v Value) Slice(start, end int) Value {
	var out Value
	pos := 0
	for _, p := range v {
		a, b := max(start, pos), min(end, pos+len(p.Text))
		if a < b {
			q := p
			q.Text = p.Text[a-pos : b-pos]
			if q.Lit != nil {
				q.Off = p.Off + a - pos
			}
			out = append(out, q)
		}
		pos += len(p.Text)
	}
	return out
}

// withVia records that every piece of v flowed through obj.
func withVia(v Value, obj types.Object) Value {
	for i := range v {
		v[i].Via = append(v[i].Via, obj)
	}
	return v
}

// ConstString returns the value of e when the type checker folded it to
// a string constant: literals, named constants and constant expressions,
// nothing that needs data flow.
func ConstString(info *types.Info, e ast.Expr) (string, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// constValue is a constant's value as text: a string's contents, any
// other constant as fmt's %v prints it.
func constValue(c constant.Value) Value {
	if c.Kind() == constant.String {
		return Text(constant.StringVal(c))
	}
	return Text(fmt.Sprint(goValue(c)))
}

// goValue is a constant as the Go value fmt formats.
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
