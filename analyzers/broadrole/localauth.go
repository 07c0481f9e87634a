package broadrole

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
)

const localAuthRule = "broadrole/local-auth-enabled"

const (
	msgLocalAuthUnset = "Cognitive Services account created without DisableLocalAuth: key auth stays on, so the account's API keys (and anyone who can list them) still work after the move to Entra ID; set DisableLocalAuth: to.Ptr(true)"
	msgLocalAuthFalse = "Cognitive Services account with DisableLocalAuth false: key auth stays on, so the account's API keys (and anyone who can list them) still work after the move to Entra ID; set DisableLocalAuth: to.Ptr(true)"
	fixLocalAuth      = "Set DisableLocalAuth: to.Ptr(true)"
)

// checkAccountCreate checks the Account passed to
// armcognitiveservices AccountsClient.BeginCreate(ctx, rg, name, account, opts).
func (c *checker) checkAccountCreate(call *ast.CallExpr) {
	if len(call.Args) < 4 {
		return
	}
	arg := call.Args[3]
	for _, en := range c.contexts(c.ix.enclosing(call.Pos())) {
		acc, aen := c.res.lit(arg, en)
		if acc == nil || !namedIn(c.pass.TypesInfo.TypeOf(acc), cogPkgs, "Account") {
			continue
		}
		var roots []root
		for _, r := range []types.Object{c.res.rootOf(arg), c.litVar(acc)} {
			if r != nil {
				roots = append(roots, root{obj: r, path: []string{"Properties"}, en: aen})
			}
		}
		pe, pen := c.field(props{lit: acc, en: aen, roots: nil}, "Properties")
		for _, r := range roots {
			if vs := c.ix.fieldValues(r.obj, "Properties"); len(vs) > 0 {
				pe, pen = vs[len(vs)-1], r.en
			}
		}
		// DisableLocalAuth assigned through the account variable.
		var dla ast.Expr
		var den *env
		for _, r := range roots {
			if vs := c.ix.fieldValues(r.obj, "Properties", "DisableLocalAuth"); len(vs) > 0 {
				dla, den = vs[len(vs)-1], r.en
			}
		}
		if pe == nil || c.res.isNil(pe) {
			if dla != nil {
				c.checkDisableLocalAuth(dla, den)
				continue
			}
			c.out.add(localAuthRule, acc, msgLocalAuthUnset, c.insertPropertiesFix(acc))
			continue
		}
		pl, plen := c.res.lit(pe, pen)
		if pl == nil {
			continue // built elsewhere: unknown
		}
		p := props{lit: pl, en: plen}
		for _, r := range []types.Object{c.res.rootOf(pe), c.litVar(pl)} {
			if r != nil {
				p.roots = append(p.roots, root{obj: r, en: plen})
			}
		}
		if e, een := c.field(p, "DisableLocalAuth"); e != nil {
			dla, den = e, een
		}
		if dla == nil {
			var fix *analysis.SuggestedFix
			if name, imp, ok := c.toPackage(pl.Pos()); ok {
				if e, ok := c.insertField(pl, "DisableLocalAuth: "+name+".Ptr(true)"); ok {
					fix = &analysis.SuggestedFix{Message: fixLocalAuth, TextEdits: append([]analysis.TextEdit{e}, imp...)}
				}
			}
			c.out.add(localAuthRule, pl, msgLocalAuthUnset, fix)
			continue
		}
		c.checkDisableLocalAuth(dla, den)
	}
}

// checkAccountProperties reports DisableLocalAuth: false in any
// AccountProperties literal (creation or update).
func (c *checker) checkAccountProperties(lit *ast.CompositeLit) {
	e, ok := c.res.fields(lit)["DisableLocalAuth"]
	if !ok {
		return
	}
	for _, en := range c.contexts(c.ix.enclosing(lit.Pos())) {
		if v, ok := c.res.boolean(e, en); ok && !v {
			c.checkDisableLocalAuth(e, en)
		}
	}
}

// checkDisableLocalAuth reports a DisableLocalAuth value that is nil or
// false.
func (c *checker) checkDisableLocalAuth(e ast.Expr, en *env) {
	if c.res.isNil(e) {
		var fix *analysis.SuggestedFix
		if name, imp, ok := c.toPackage(e.Pos()); ok {
			fix = &analysis.SuggestedFix{Message: fixLocalAuth, TextEdits: append([]analysis.TextEdit{{
				Pos: e.Pos(), End: e.End(), NewText: []byte(name + ".Ptr(true)"),
			}}, imp...)}
		}
		c.out.add(localAuthRule, e, msgLocalAuthUnset, fix)
		return
	}
	v, ok := c.res.boolean(e, en)
	if !ok || v {
		return
	}
	c.out.add(localAuthRule, e, msgLocalAuthFalse, c.flipFalseFix(e))
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
	f := c.fileOf(acc.Pos())
	if f == nil {
		return nil
	}
	t := c.pass.TypesInfo.TypeOf(acc)
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil
	}
	pkgName := c.importName(f, named.Obj().Pkg().Path())
	if pkgName == "" {
		return nil
	}
	name, imp, ok := c.toPackage(acc.Pos())
	if !ok {
		return nil
	}
	e, ok := c.insertField(acc, "Properties: &"+pkgName+".AccountProperties{DisableLocalAuth: "+name+".Ptr(true)}")
	if !ok {
		return nil
	}
	return &analysis.SuggestedFix{Message: fixLocalAuth, TextEdits: append([]analysis.TextEdit{e}, imp...)}
}
