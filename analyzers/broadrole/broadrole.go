package broadrole

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/keyless-dev/keyless/analyzers/internal/constval"
	"github.com/keyless-dev/keyless/analyzers/internal/fixedit"
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
		Name: "broadrole",
		Doc:  lintutil.MustExtractDoc(doc, "broadrole"),
		URL:  "https://pkg.go.dev/github.com/keyless-dev/keyless/analyzers/broadrole",
		Run: func(pass *analysis.Pass) (any, error) {
			once.Do(func() { roles = newRoleIndex(opts.CatalogOf()) })
			run(pass, opts, roles)
			return nil, nil
		},
		// Facts carry role values chosen in other packages (facts.go).
		// They make drivers run broadrole on every dependency, so it
		// requires no inspector: it decides from the package's imports
		// and constants whether to look at its syntax at all.
		FactTypes: []analysis.Fact{new(roleValueFact), new(roleValuesFact)},
	}
}

// checker holds the state of one pass.
type checker struct {
	pass  *analysis.Pass
	ix    *constval.Index
	res   *constval.Resolver
	files *fixedit.Files
	roles *roleIndex
	out   *collector

	// Literals and field assignments already checked as part of a call.
	seenLits map[*ast.CompositeLit]bool
	seenSets map[*ast.SelectorExpr]bool
}

func run(pass *analysis.Pass, opts lintutil.Options, roles *roleIndex) {
	checks := importsAny(pass.Pkg)
	if !checks && !mayHoldRoles(pass, roles) {
		return
	}
	ix := constval.NewIndex(pass.Pkg, pass.TypesInfo, pass.Files)
	res := &constval.Resolver{Index: ix, Source: factSource{pass}, PointerFuncs: pointerFuncs, SliceFuncs: sliceFuncs}
	exportRoleFacts(pass, ix, res, roles)
	if !checks {
		return
	}
	c := &checker{
		pass:     pass,
		ix:       ix,
		res:      res,
		files:    fixedit.NewFiles(pass, nil),
		roles:    roles,
		out:      newCollector(lintutil.NewReporter(pass, opts)),
		seenLits: map[*ast.CompositeLit]bool{},
		seenSets: map[*ast.SelectorExpr]bool{},
	}
	insp := inspector.New(pass.Files)

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
	for _, fs := range ix.FieldSets() {
		if c.seenSets[fs.Sel] || fs.Path[len(fs.Path)-1] != "RoleDefinitionID" {
			continue
		}
		if t := pass.TypesInfo.TypeOf(fs.Sel.X); t != nil && namedIn(t, authPkgs, assignPropsTypes...) {
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
