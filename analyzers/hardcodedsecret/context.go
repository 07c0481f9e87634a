package hardcodedsecret

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/keyless-dev/keyless/analyzers/internal/constval"
	"github.com/keyless-dev/keyless/internal/rules"
)

// valueContext is what the code around a string constant says about it.
type valueContext struct {
	// name the value is bound to: identifier, field, map key, the env
	// var or header name of a getenv/header-style call, or
	// "pkg.Func.param" for another call argument.
	name string
	// short is the name as code spells it next to the value: name, or
	// the parameter alone for "pkg.Func.param".
	short       string
	keyArg      bool   // key argument of a keyauth-cataloged function (by types)
	keyRule     string // the value rule the key argument's service names
	regexSource bool   // argument of a regexp function
	hashContext bool   // bound to a name that says hash/checksum/digest
}

var (
	hashNameRe = regexp.MustCompile(`(?i)(?:hash|sha\d*|md5|checksum|crc|digest|etag|fingerprint|commit|integrity|sri)`)
	// An env var or header name carrying a secret: the context a getenv
	// default or a header value gets from its sibling argument.
	secretNameRe = regexp.MustCompile(`(?i)^[a-z][a-z0-9_.-]*(?:key|secret|token|password|passwd|pwd|credential|sig|signature)$`)
	// Parameter names that say nothing by themselves.
	genericParamRe = regexp.MustCompile(`^(?:key|k|v|val|value|s|str|data|b|p|x|_|arg\d*|)$`)
	azurePkgRe     = regexp.MustCompile(`(?i)azure|openai|cognitive`)
)

func (c *checker) context(e ast.Expr, stack []ast.Node) valueContext {
	var ctx valueContext
	child := ast.Node(e)
	for i := len(stack) - 1; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr:
			child = p
			continue
		case *ast.CallExpr:
			if c.isConversion(p) {
				child = p // []byte("…"), MyKey("…"): the name is the conversion's
				continue
			}
			c.callContext(p, child.(ast.Expr), &ctx)
		case *ast.ValueSpec:
			for j, v := range p.Values {
				if v == child && j < len(p.Names) {
					ctx.name = p.Names[j].Name
				}
			}
		case *ast.AssignStmt:
			for j, r := range p.Rhs {
				if r == child && j < len(p.Lhs) {
					ctx.name = c.exprName(p.Lhs[j])
				}
			}
		case *ast.KeyValueExpr:
			if p.Value == child {
				ctx.name = c.exprName(p.Key)
			}
		case *ast.CompositeLit:
			ctx.name = c.positionalField(p, child)
		case *ast.BinaryExpr:
			if p.X == child {
				ctx.name = c.exprName(p.Y)
			} else {
				ctx.name = c.exprName(p.X)
			}
		case *ast.ReturnStmt:
			ctx.name = enclosingFuncName(stack[:i])
		}
		break
	}
	if ctx.short == "" {
		ctx.short = ctx.name
	}
	ctx.hashContext = ctx.short != "" && hashNameRe.MatchString(ctx.short)
	return ctx
}

func (c *checker) isConversion(call *ast.CallExpr) bool {
	tv, ok := c.pass.TypesInfo.Types[call.Fun]
	return ok && tv.IsType()
}

// exprName is the name an expression stands for: an identifier, the
// selected field, or a constant map index / map key.
func (c *checker) exprName(e ast.Expr) string {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return x.Sel.Name
	case *ast.IndexExpr:
		if v, ok := constval.ConstString(c.pass.TypesInfo, x.Index); ok {
			return v
		}
		return c.exprName(x.X)
	case *ast.StarExpr:
		return c.exprName(x.X)
	}
	if v, ok := constval.ConstString(c.pass.TypesInfo, e); ok && len(v) < 64 {
		return v
	}
	return ""
}

// positionalField names element child of an unkeyed struct literal.
func (c *checker) positionalField(lit *ast.CompositeLit, child ast.Node) string {
	tv, ok := c.pass.TypesInfo.Types[lit]
	if !ok {
		return ""
	}
	st, ok := tv.Type.Underlying().(*types.Struct)
	if !ok {
		if p, ok := tv.Type.Underlying().(*types.Pointer); ok {
			st, _ = p.Elem().Underlying().(*types.Struct)
		}
	}
	if st == nil {
		return ""
	}
	for i, el := range lit.Elts {
		if el == child && i < st.NumFields() {
			return st.Field(i).Name()
		}
	}
	return ""
}

func enclosingFuncName(stack []ast.Node) string {
	for i := len(stack) - 1; i >= 0; i-- {
		switch f := stack[i].(type) {
		case *ast.FuncDecl:
			return f.Name.Name
		case *ast.FuncLit:
			return ""
		}
	}
	return ""
}

// callContext describes argument arg of call: regexp source, the key
// argument of a keyauth-cataloged function, the value of a getenv- or
// header-style call (named by its sibling env var / header name), or the
// callee's parameter.
func (c *checker) callContext(call *ast.CallExpr, arg ast.Expr, ctx *valueContext) {
	idx := -1
	for i, a := range call.Args {
		if a == arg {
			idx = i
		}
	}
	if idx < 0 {
		return
	}
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return
	}
	full := fn.Origin().FullName()
	pkg := ""
	if fn.Pkg() != nil {
		pkg = fn.Pkg().Path()
	}
	if pkg == "regexp" || pkg == "regexp/syntax" {
		ctx.regexSource = true
		return
	}
	if k, ok := c.s.keyArgs[full]; ok && (k.any || k.index == idx) {
		ctx.keyArg, ctx.keyRule = true, k.secret
	}
	// getenv("AZURE_OPENAI_KEY", "<default>"), h.Set("api-key", "<key>").
	for i, a := range call.Args {
		if i == idx {
			continue
		}
		if v, ok := constval.ConstString(c.pass.TypesInfo, a); ok && secretNameRe.MatchString(v) {
			ctx.name = v
			return
		}
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Params().Len() == 0 {
		return
	}
	pi := idx
	if pi >= sig.Params().Len() {
		if !sig.Variadic() {
			return
		}
		pi = sig.Params().Len() - 1
	}
	param := sig.Params().At(pi).Name()
	if genericParamRe.MatchString(param) && !azurePkgRe.MatchString(pkg) {
		return
	}
	ctx.name, ctx.short = full+"."+param, param
}

// markAzureFiles marks the files with a string literal naming an Azure AI
// endpoint: 32-hex values there are Azure keys unless their name says
// hash.
func markAzureFiles(pass *analysis.Pass, insp *inspector.Inspector, checkers map[*ast.File]*checker) {
	byFile := map[*token.File]*checker{}
	for f, c := range checkers {
		byFile[pass.Fset.File(f.Pos())] = c
	}
	insp.Preorder([]ast.Node{(*ast.BasicLit)(nil)}, func(n ast.Node) {
		lit := n.(*ast.BasicLit)
		if lit.Kind != token.STRING {
			return
		}
		c := byFile[pass.Fset.File(lit.Pos())]
		if c == nil || c.azure {
			return
		}
		l := strings.ToLower(lit.Value)
		for _, host := range rules.AzureAIHostSuffixes {
			if strings.Contains(l, host) {
				c.azure = true
				return
			}
		}
	})
}

// looksLikeRegex reports regular-expression source text: a secret never
// contains these constructs, a pattern that describes one does.
func looksLikeRegex(s string) bool {
	for _, m := range regexMarkers {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

var regexMarkers = []string{`(?i)`, `(?:`, `(?P<`, `\d`, `\w`, `\s`, `\b`, `[^`, `]{`, `]+`, `]*`, `[a-z`, `[A-Z`, `[0-9`, `{32}`, `.*`}
