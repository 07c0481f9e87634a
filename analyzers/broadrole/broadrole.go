package broadrole

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
)

// Analyzer is broadrole with the embedded default rule catalog.
var Analyzer = New(lintutil.Options{})

// New returns a broadrole analyzer using opts' catalog (its roles: section
// is the role catalog, so a team's custom roles are recognised).
func New(opts lintutil.Options) *analysis.Analyzer {
	var (
		once  sync.Once
		roles *roleIndex
	)
	return &analysis.Analyzer{
		Name:     "broadrole",
		Doc:      doc,
		URL:      "https://github.com/keyless-dev/keyless#broadrole",
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			once.Do(func() { roles = newRoleIndex(opts.CatalogOf()) })
			run(pass, opts, roles)
			return nil, nil
		},
	}
}

// checker holds the state of one pass.
type checker struct {
	pass  *analysis.Pass
	ix    *index
	res   *resolver
	roles *roleIndex
	out   *collector
	src   map[*token.File][]byte

	// Literals and field assignments already checked as part of a call.
	seenLits map[*ast.CompositeLit]bool
	seenSets map[*ast.SelectorExpr]bool
	litVars  map[*ast.CompositeLit]types.Object // lazily built by litVar
}

func run(pass *analysis.Pass, opts lintutil.Options, roles *roleIndex) {
	if !importsAny(pass.Pkg) {
		return
	}
	ix := newIndex(pass)
	c := &checker{
		pass:     pass,
		ix:       ix,
		res:      &resolver{ix: ix},
		roles:    roles,
		out:      newCollector(lintutil.NewReporter(pass, opts)),
		src:      map[*token.File][]byte{},
		seenLits: map[*ast.CompositeLit]bool{},
		seenSets: map[*ast.SelectorExpr]bool{},
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)

	// Calls first: they know the scope an assignment is made at.
	insp.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		call := n.(*ast.CallExpr)
		switch kind := calls[lintutil.FuncName(pass.TypesInfo, call)]; kind {
		case callAssign, callAssignByID, callPIMAssign, callPIMEligible:
			c.checkAssignCall(call, kind)
		case callListDefs:
			c.checkRoleLookup(call)
		case callCreateAccount:
			c.checkAccountCreate(call)
		}
	})
	// Then what no call showed: literals and field assignments built in
	// helpers, custom role definitions, explicit DisableLocalAuth: false.
	var assignLits, roleDefs, perms, accounts []*ast.CompositeLit
	insp.Preorder([]ast.Node{(*ast.CompositeLit)(nil)}, func(n ast.Node) {
		lit := n.(*ast.CompositeLit)
		t := pass.TypesInfo.TypeOf(lit)
		switch {
		case t == nil:
		case namedIn(t, authPkgs, assignPropsTypes...):
			assignLits = append(assignLits, lit)
		case namedIn(t, authPkgs, "RoleDefinitionProperties"):
			roleDefs = append(roleDefs, lit)
		case namedIn(t, authPkgs, "Permission"):
			perms = append(perms, lit)
		case namedIn(t, cogPkgs, "AccountProperties"):
			accounts = append(accounts, lit)
		}
	})
	for _, lit := range assignLits {
		if !c.seenLits[lit] {
			c.checkAssignLit(lit)
		}
	}
	for _, lit := range roleDefs {
		c.checkRoleDefinition(lit) // marks its Permissions seen
	}
	for _, lit := range perms {
		if !c.seenLits[lit] {
			c.checkPermission(lit, "")
		}
	}
	for _, lit := range accounts {
		c.checkAccountProperties(lit)
	}
	for _, fs := range ix.fieldSets {
		if c.seenSets[fs.sel] || fs.path[len(fs.path)-1] != "RoleDefinitionID" {
			continue
		}
		if t := pass.TypesInfo.TypeOf(fs.sel.X); t != nil && namedIn(t, authPkgs, assignPropsTypes...) {
			c.checkAssignFieldSet(fs)
		}
	}
	c.out.flush()
}

// importsAny reports whether pkg imports a module broadrole checks; other
// packages cannot name its types, so they are skipped at once.
func importsAny(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		if slices.Contains(authPkgs, imp.Path()) || slices.Contains(cogPkgs, imp.Path()) {
			return true
		}
	}
	return false
}

// contexts returns the environments to evaluate code of fd in: one per
// static call site in this package (two levels up), plus the unbound
// environment (nil) when callers outside the package or dynamic calls may
// exist.
func (c *checker) contexts(fd *ast.FuncDecl) []*env { return c.contextsD(fd, 0) }

func (c *checker) contextsD(fd *ast.FuncDecl, depth int) []*env {
	if fd == nil {
		return []*env{nil}
	}
	fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if !ok {
		return []*env{nil}
	}
	callers := c.ix.callers[fn]
	if depth >= 2 || len(callers) == 0 {
		return []*env{nil}
	}
	var out []*env
	if fn.Exported() || c.ix.uses[fn] > len(callers) {
		out = append(out, nil)
	}
	for _, call := range callers {
		for _, pe := range c.contextsD(c.ix.enclosing(call.Pos()), depth+1) {
			out = append(out, &env{fn: fn, call: call, parent: pe})
			if len(out) >= 64 {
				return out
			}
		}
	}
	return out
}

// collector merges the findings of one position found in several
// contexts: the message of the first, and a fix only if every context
// proposed the same one.
type collector struct {
	rep   *lintutil.Reporter
	order []*pending
	byKey map[pendingKey]*pending
}

type pendingKey struct {
	rule string
	pos  token.Pos
}

type pending struct {
	rule  string
	diag  analysis.Diagnostic
	fix   *analysis.SuggestedFix
	noFix bool
}

func newCollector(rep *lintutil.Reporter) *collector {
	return &collector{rep: rep, byKey: map[pendingKey]*pending{}}
}

func (c *collector) add(rule string, at ast.Node, msg string, fix *analysis.SuggestedFix) {
	k := pendingKey{rule, at.Pos()}
	if p, ok := c.byKey[k]; ok {
		if !sameFix(p.fix, fix) {
			p.noFix = true
		}
		return
	}
	p := &pending{rule: rule, diag: analysis.Diagnostic{Pos: at.Pos(), End: at.End(), Message: msg}, fix: fix}
	c.byKey[k] = p
	c.order = append(c.order, p)
}

func (c *collector) flush() {
	for _, p := range c.order {
		if p.fix != nil && !p.noFix {
			p.diag.SuggestedFixes = []analysis.SuggestedFix{*p.fix}
		}
		c.rep.Report(p.rule, p.diag)
	}
}

func sameFix(a, b *analysis.SuggestedFix) bool {
	if a == nil || b == nil {
		return a == b
	}
	if len(a.TextEdits) != len(b.TextEdits) {
		return false
	}
	for i := range a.TextEdits {
		x, y := a.TextEdits[i], b.TextEdits[i]
		if x.Pos != y.Pos || x.End != y.End || string(x.NewText) != string(y.NewText) {
			return false
		}
	}
	return true
}
