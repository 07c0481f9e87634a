package keyauth

import (
	"cmp"
	"go/ast"
	"go/types"
	"maps"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/keyless-dev/keyless/analyzers/internal/fixedit"
)

// importedWrapper returns the wrapper fact of a function of another
// package, if any.
func (s *state) importedWrapper(fn *types.Func) *wrapperFact {
	if fn.Pkg() == nil || fn.Pkg() == s.pass.Pkg || !s.factPkgs[fn.Pkg()] {
		return nil
	}
	var f wrapperFact
	if s.pass.ImportObjectFact(fn, &f) && len(f.Params) > 0 {
		return &f
	}
	return nil
}

// wrapperOf returns the wrapper fact of fn, local or imported.
func (s *state) wrapperOf(fn *types.Func) *wrapperFact {
	if f := s.localFacts[fn]; f != nil {
		return f
	}
	return s.importedWrapper(fn)
}

// addWrapperCall records a call of a wrapper as a finding under the rule
// of its first wrapped parameter that the call passes.
func (s *state) addWrapperCall(call *ast.CallExpr, fn *types.Func, fact *wrapperFact, parent ast.Node, file *ast.File, decl *ast.FuncDecl) *finding {
	for _, p := range fact.Params {
		r := s.cat.byID[p.RuleID]
		if r == nil || p.Index >= len(call.Args) {
			continue
		}
		f := &finding{rule: r, fn: fn, call: call, node: call, key: call.Args[p.Index], via: fn, parent: parent, file: file, decl: decl}
		s.findings = append(s.findings, f)
		return f
	}
	return nil
}

// resolve finds the wrappers declared in this package (to a fixpoint:
// wrappers of wrappers) and drops credentials that flow into another
// reported call.
func (s *state) resolve() {
	wrapped := map[*ast.CallExpr]bool{}
	for {
		s.dedupe()
		changed := false
		for _, f := range s.findings {
			if f.consumed || f.ref || f.key == nil || f.decl == nil {
				continue
			}
			obj, _ := s.pass.TypesInfo.Defs[f.decl.Name].(*types.Func)
			if obj == nil {
				continue
			}
			for _, idx := range s.trace(f.key, obj, 0) {
				if s.addLocalFact(obj, idx, f.rule.RuleID()) {
					changed = true
				}
			}
		}
		for _, lc := range s.localCalls {
			if wrapped[lc.call] {
				continue
			}
			if fact := s.localFacts[lc.fn]; fact != nil {
				wrapped[lc.call] = true
				if s.addWrapperCall(lc.call, lc.fn, fact, lc.parent, lc.file, lc.decl) != nil {
					changed = true
				}
			}
		}
		if !changed {
			return
		}
	}
}

func (s *state) addLocalFact(fn *types.Func, idx int, ruleID string) bool {
	f := s.localFacts[fn]
	if f == nil {
		f = &wrapperFact{}
		s.localFacts[fn] = f
	}
	if slices.ContainsFunc(f.Params, func(p wrapParam) bool { return p.Index == idx }) {
		return false
	}
	f.Params = append(f.Params, wrapParam{Index: idx, RuleID: ruleID})
	slices.SortFunc(f.Params, func(a, b wrapParam) int { return cmp.Compare(a.Index, b.Index) })
	return true
}

// exportFacts publishes the wrappers of this package.
func (s *state) exportFacts() {
	if len(s.localFacts) == 0 {
		return
	}
	byPos := func(a, b *types.Func) int { return cmp.Compare(a.Pos(), b.Pos()) }
	for _, fn := range slices.SortedFunc(maps.Keys(s.localFacts), byPos) {
		s.pass.ExportObjectFact(fn, s.localFacts[fn])
	}
	s.pass.ExportPackageFact(&wrapsFact{})
}

// trace returns the parameters of fn (by index) that flow into e:
// directly, through locals assigned once, conversions, concatenation,
// composite literals, credential constructors and other wrappers.
func (s *state) trace(e ast.Expr, fn *types.Func, depth int) []int {
	if depth > 8 || e == nil {
		return nil
	}
	info := s.pass.TypesInfo
	sig := fn.Type().(*types.Signature)
	var out []int
	add := func(xs []int) {
		for _, x := range xs {
			if !slices.Contains(out, x) {
				out = append(out, x)
			}
		}
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok {
			return nil
		}
		for i := 0; i < sig.Params().Len(); i++ {
			if sig.Params().At(i) == v {
				return []int{i}
			}
		}
		if rhs, ok := s.values().Index.Single(v); ok {
			add(s.trace(rhs, fn, depth+1))
		}
	case *ast.CallExpr:
		if tv, ok := info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return s.trace(e.Args[0], fn, depth+1)
		}
		callee, _ := typeutil.Callee(info, e).(*types.Func)
		if callee == nil {
			return nil
		}
		callee = callee.Origin()
		if ent := s.cat.lookup(callee); ent != nil {
			if ent.keyArg >= 0 && ent.keyArg < len(e.Args) {
				add(s.trace(e.Args[ent.keyArg], fn, depth+1))
			}
			return out
		}
		if w := s.wrapperOf(callee); w != nil {
			for _, p := range w.Params {
				if p.Index < len(e.Args) {
					add(s.trace(e.Args[p.Index], fn, depth+1))
				}
			}
			return out
		}
		switch callee.FullName() {
		case "fmt.Sprintf", "fmt.Sprint", "strings.TrimSpace", "strings.TrimSuffix", "strings.TrimPrefix":
			for _, a := range e.Args {
				add(s.trace(a, fn, depth+1))
			}
		}
	case *ast.BinaryExpr:
		add(s.trace(e.X, fn, depth+1))
		add(s.trace(e.Y, fn, depth+1))
	case *ast.CompositeLit:
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			add(s.trace(el, fn, depth+1))
		}
	case *ast.StarExpr:
		add(s.trace(e.X, fn, depth+1))
	case *ast.UnaryExpr:
		add(s.trace(e.X, fn, depth+1))
	}
	return out
}

// dedupe marks findings whose value (a credential) flows into an
// argument of another reported call, directly or through a local
// variable used only in such arguments: only the consumer is reported.
func (s *state) dedupe() {
	cat := s.opts.CatalogOf()
	args := map[ast.Expr]*finding{}
	for _, f := range s.findings {
		f.consumed = false
	}
	for _, f := range s.findings {
		if f.call == nil || !cat.Enabled(f.rule.RuleID()) {
			continue
		}
		for _, a := range f.call.Args {
			args[ast.Unparen(a)] = f
		}
	}
	if len(args) == 0 {
		return
	}
	for _, g := range s.findings {
		if g.call == nil {
			continue
		}
		if c := args[g.call]; c != nil && c != g {
			g.consumed = true
			continue
		}
		// v := g.call / v, err := g.call / var v = g.call
		var lhs *ast.Ident
		switch p := g.parent.(type) {
		case *ast.AssignStmt:
			if len(p.Rhs) == 1 && ast.Unparen(p.Rhs[0]) == ast.Expr(g.call) {
				lhs, _ = p.Lhs[0].(*ast.Ident)
			}
		case *ast.ValueSpec:
			if len(p.Values) == 1 && ast.Unparen(p.Values[0]) == ast.Expr(g.call) {
				lhs = p.Names[0]
			}
		}
		if lhs == nil {
			continue
		}
		v, ok := s.pass.TypesInfo.Defs[lhs].(*types.Var)
		if !ok {
			continue
		}
		uses := s.usesIndex().Of(v)
		if len(uses) == 0 {
			continue
		}
		all := true
		for _, u := range uses {
			if c := args[ast.Expr(u)]; c == nil || c == g {
				all = false
			}
		}
		if all {
			g.consumed = true
		}
	}
}

func (s *state) usesIndex() *fixedit.Uses {
	if s.uses == nil {
		s.uses = fixedit.NewUses(s.pass.TypesInfo)
	}
	return s.uses
}
