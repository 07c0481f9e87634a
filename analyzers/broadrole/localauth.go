package broadrole

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/keyless-dev/keyless/analyzers/internal/constval"
	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
)

const (
	msgLocalAuthUnset = "Cognitive Services account created without DisableLocalAuth: its API keys keep working; set DisableLocalAuth: to.Ptr(true)"
	msgLocalAuthFalse = "Cognitive Services account with DisableLocalAuth false: its API keys keep working; set DisableLocalAuth: to.Ptr(true)"
	fixLocalAuth      = "Set DisableLocalAuth: to.Ptr(true)"
)

// checkAccountCreate checks the Account passed to
// armcognitiveservices AccountsClient.BeginCreate(ctx, rg, name, account, opts).
func (c *checker) checkAccountCreate(call *ast.CallExpr) {
	if len(call.Args) < 4 {
		return
	}
	arg := call.Args[3]
	for _, en := range c.ix.Contexts(c.ix.Enclosing(call.Pos())) {
		acc, aen := c.res.CompositeLit(arg, en)
		if acc == nil || !namedIn(c.pass.TypesInfo.TypeOf(acc), cogPkgs, "Account") {
			continue
		}
		var roots []root
		for _, r := range []types.Object{c.res.Root(arg), c.ix.VarOf(acc)} {
			if r != nil {
				roots = append(roots, root{obj: r, path: []string{"Properties"}, en: aen})
			}
		}
		pe, pen := c.field(props{lit: acc, en: aen, roots: nil}, "Properties")
		for _, r := range roots {
			if vs := c.ix.FieldValues(r.obj, "Properties"); len(vs) > 0 {
				pe, pen = vs[len(vs)-1], r.en
			}
		}
		// DisableLocalAuth assigned through the account variable.
		var dla ast.Expr
		var den *constval.Env
		for _, r := range roots {
			if vs := c.ix.FieldValues(r.obj, "Properties", "DisableLocalAuth"); len(vs) > 0 {
				dla, den = vs[len(vs)-1], r.en
			}
		}
		if pe == nil || c.res.IsNil(pe) {
			if dla != nil {
				c.checkDisableLocalAuth(dla, den)
				continue
			}
			c.out.add(ruleLocalAuth, acc, msgLocalAuthUnset, c.insertPropertiesFix(acc))
			continue
		}
		pl, plen := c.res.CompositeLit(pe, pen)
		if pl == nil {
			continue // built elsewhere: unknown
		}
		p := props{lit: pl, en: plen}
		for _, r := range []types.Object{c.res.Root(pe), c.ix.VarOf(pl)} {
			if r != nil {
				p.roots = append(p.roots, root{obj: r, en: plen})
			}
		}
		if e, een := c.field(p, "DisableLocalAuth"); e != nil {
			dla, den = e, een
		}
		if dla == nil {
			c.out.add(ruleLocalAuth, pl, msgLocalAuthUnset, c.appendFieldFix(pl, func(to string) string {
				return "DisableLocalAuth: " + to + ".Ptr(true)"
			}))
			continue
		}
		c.checkDisableLocalAuth(dla, den)
	}
}

// checkAccountProperties reports DisableLocalAuth: false in any
// AccountProperties literal (creation or update).
func (c *checker) checkAccountProperties(lit *ast.CompositeLit) {
	e, ok := c.res.Fields(lit)["DisableLocalAuth"]
	if !ok {
		return
	}
	for _, en := range c.ix.Contexts(c.ix.Enclosing(lit.Pos())) {
		if v, ok := c.res.Bool(e, en); ok && !v {
			c.checkDisableLocalAuth(e, en)
		}
	}
}

// checkDisableLocalAuth reports a DisableLocalAuth value that is nil or
// false.
func (c *checker) checkDisableLocalAuth(e ast.Expr, en *constval.Env) {
	if c.res.IsNil(e) {
		var fix *analysis.SuggestedFix
		if ff, ok := c.files.Of(e.Pos()); ok {
			if to, imp, ok := ff.Import(toPath, "to", e.Pos()); ok {
				fix = &analysis.SuggestedFix{Message: fixLocalAuth, TextEdits: append([]analysis.TextEdit{{
					Pos: e.Pos(), End: e.End(), NewText: []byte(to + ".Ptr(true)"),
				}}, imp...)}
			}
		}
		c.out.add(ruleLocalAuth, e, msgLocalAuthUnset, fix)
		return
	}
	v, ok := c.res.Bool(e, en)
	if !ok || v {
		return
	}
	c.out.add(ruleLocalAuth, e, msgLocalAuthFalse, c.flipFalseFix(e))
}

// flipFalseFix turns to.Ptr(false) into to.Ptr(true): the only rewrite
// that cannot leave a variable unused.
func (c *checker) flipFalseFix(e ast.Expr) *analysis.SuggestedFix {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || !pointerFuncs[lintutil.FuncName(c.pass.TypesInfo, call)] {
		return nil
	}
	id, ok := ast.Unparen(call.Args[0]).(*ast.Ident)
	if !ok || c.pass.TypesInfo.Uses[id] != types.Universe.Lookup("false") {
		return nil
	}
	return &analysis.SuggestedFix{Message: fixLocalAuth, TextEdits: []analysis.TextEdit{{
		Pos: id.Pos(), End: id.End(), NewText: []byte("true"),
	}}}
}

// insertPropertiesFix adds Properties: &armcognitiveservices.AccountProperties{DisableLocalAuth: to.Ptr(true)}
// to an Account literal.
func (c *checker) insertPropertiesFix(acc *ast.CompositeLit) *analysis.SuggestedFix {
	named, ok := types.Unalias(c.pass.TypesInfo.TypeOf(acc)).(*types.Named)
	if !ok {
		return nil
	}
	pkg := named.Obj().Pkg()
	ff, ok := c.files.Of(acc.Pos())
	if !ok {
		return nil
	}
	cog, imp, ok := ff.Import(pkg.Path(), pkg.Name(), acc.Pos())
	if !ok {
		return nil
	}
	fix := c.appendFieldFix(acc, func(to string) string {
		return "Properties: &" + cog + ".AccountProperties{DisableLocalAuth: " + to + ".Ptr(true)}"
	})
	if fix != nil {
		fix.TextEdits = append(fix.TextEdits, imp...)
	}
	return fix
}

// appendFieldFix adds the element field(name of azcore/to) to a struct
// literal, importing azcore/to when the file does not.
func (c *checker) appendFieldFix(lit *ast.CompositeLit, field func(to string) string) *analysis.SuggestedFix {
	ff, ok := c.files.Of(lit.Pos())
	if !ok {
		return nil
	}
	to, imp, ok := ff.Import(toPath, "to", lit.Pos())
	if !ok {
		return nil
	}
	e, ok := ff.AppendElement(lit, field(to))
	if !ok {
		return nil
	}
	return &analysis.SuggestedFix{Message: fixLocalAuth, TextEdits: append([]analysis.TextEdit{e}, imp...)}
}
