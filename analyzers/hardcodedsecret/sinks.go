package hardcodedsecret

import (
	"go/ast"
	"go/types"
	"regexp"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/keyless-dev/keyless/internal/secrets/engine"
)

// checkSinks reports the constants that reach the key argument of a
// keyauth-cataloged call (azblob.NewSharedKeyCredential,
// azcosmos.NewKeyCredential, …) through named constants, variables
// assigned once, struct fields of a literal or helpers of the package:
// the call says the value is a key, so a legacy key with no telling
// shape (88 base64 characters, no signature) held by a neutrally named
// constant is found, under the secret rule of the call's service
// (keyauth's keySecret). The finding is at the literal that holds the
// key, once however many calls use it; a key declared in another package
// is reported at the argument. Values read at run time are unknown and
// never reported; the engine's placeholder and low-entropy filters apply.
func checkSinks(pass *analysis.Pass, insp *inspector.Inspector, s *setup, vals *values) {
	info := pass.TypesInfo
	insp.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		call := n.(*ast.CallExpr)
		fn, _ := typeutil.Callee(info, call).(*types.Func)
		if fn == nil {
			return
		}
		k, ok := s.keyArgs[fn.Origin().FullName()]
		if !ok || call.Ellipsis.IsValid() {
			return
		}
		keyParams := keyParamsOf(fn)
		for i, arg := range call.Args {
			if !k.any && k.index != i || k.any && keyParams != nil && !keyParams[i] {
				continue
			}
			if _, lit := ast.Unparen(arg).(*ast.BasicLit); lit {
				continue // written here: the constant pass saw it with its context
			}
			c := vals.checkerFor(arg)
			if c == nil {
				continue
			}
			c.checkSink(arg, k)
		}
	})
}

// checkSink reports the constant held by key argument arg, if it is one.
// cmp.Or(os.Getenv("KEY"), "<key>"): each operand may be the key.
func (c *checker) checkSink(arg ast.Expr, k keyArg) {
	if call, ok := ast.Unparen(arg).(*ast.CallExpr); ok {
		if fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func); fn != nil && fn.Origin().FullName() == "cmp.Or" {
			for _, a := range call.Args {
				c.checkSink(a, k)
			}
			return
		}
	}
	if t := c.pass.TypesInfo.TypeOf(arg); t == nil || !isStringy(t) {
		return
	}
	val := c.vals.resolver().String(arg, nil)
	text, ok := val.Known()
	if !ok || len(text) < minValue || len(text) > MaxValue {
		return
	}
	ms := c.s.eng.ScanValue(engine.Value{Text: text, KeyArg: true, Rule: k.secret})
	if len(ms) == 0 {
		return
	}
	// Where the key is written: one literal holding it whole, else the
	// argument (a key declared in another package, or built of parts).
	var at ast.Expr = arg
	target := c
	if len(val) == 1 && val[0].Lit != nil && val[0].Off == 1 && len(val[0].Text) == len(val[0].Lit.Value)-2 {
		at = val[0].Lit
		if t := c.vals.checkerFor(val[0].Lit); t != nil {
			target = t
		} else {
			return // an allowlisted file
		}
	}
	if c.vals.reported[at.Pos()] {
		return
	}
	for _, m := range ms {
		target.emit(at, text, m)
	}
}

// isStringy reports a string, []byte or pointer to string type: what a
// key parameter takes.
func isStringy(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	}
	return false
}

// keyParamRe names the parameters of a credential constructor that carry
// the secret (accountKey, key, signature), not the account name.
var keyParamRe = regexp.MustCompile(`(?i)key|secret|sig|sas|token|password`)

// keyParamsOf marks the parameters of fn whose name says they carry the
// secret, or returns nil when none does (then every argument may).
func keyParamsOf(fn *types.Func) map[int]bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return nil
	}
	var out map[int]bool
	for i := 0; i < sig.Params().Len(); i++ {
		if keyParamRe.MatchString(sig.Params().At(i).Name()) {
			if out == nil {
				out = map[int]bool{}
			}
			out[i] = true
		}
	}
	return out
}
