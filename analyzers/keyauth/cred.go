package keyauth

import (
	"go/ast"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/keyless-dev/keyless/analyzers/internal/fixedit"
)

// credentials gives every job its credential and turns it into a
// candidate. A credential already in scope (a local, a parameter, a
// receiver field, a package variable) is reused. Otherwise the jobs of
// one function share one declaration, hoisted out of handler literals,
// loops and goroutines: each job carries the byte-identical insertion,
// so each fix compiles alone and drivers that coalesce identical edits
// (x/tools, golangci-lint) keep one declaration when all are applied.
func (s *state) credentials(ff *fixedit.File, jobs []*fixJob) {
	type group struct {
		fn      ast.Node
		jobs    []*fixJob
		sites   []fixedit.Site
		hoisted bool
	}
	var groups []*group
	byFunc := map[ast.Node]*group{}
	for _, j := range jobs {
		if j.cand != nil {
			continue // needs no credential (a key branch removed)
		}
		if expr, obj, ok := ff.InScope(j.at.Pos(), isCredentialType); ok {
			edits := append(append([]analysis.TextEdit(nil), j.edits...), j.use(expr)...)
			j.cand = &fixedit.Candidate{Edits: edits, Removed: j.removed, Keep: append(j.keep, obj)}
			j.msg += " with the credential " + expr + " already in scope" + s.flagNote(ff, j.removed)
			continue
		}
		site, ok := ff.SiteOf(j.at)
		if !ok {
			j.f.noFix = "the call is not in a function body where a credential can be declared before it (package-level initializer, goto, or an odd layout)"
			continue
		}
		hs, hoisted, ok := ff.Hoist(site)
		if !ok {
			j.f.noFix = "the handler or goroutine is declared at package level; create one credential at startup and pass it in"
			continue
		}
		g := byFunc[hs.Func]
		if g == nil {
			g = &group{fn: hs.Func}
			byFunc[hs.Func] = g
			groups = append(groups, g)
		}
		g.jobs = append(g.jobs, j)
		g.sites = append(g.sites, hs)
		g.hoisted = g.hoisted || hoisted
	}
	namers := map[ast.Node]*fixedit.Namer{}
	for _, g := range groups {
		fail := func(reason string) {
			for _, j := range g.jobs {
				j.f.noFix = reason
			}
		}
		site, ok := ff.CommonSite(g.sites)
		if !ok {
			fail("no single place in the function can declare one credential for all its clients")
			continue
		}
		outer := ff.OuterFunc(site.Stmt)
		if namers[outer] == nil {
			namers[outer] = fixedit.NewNamer(outer)
		}
		namer := namers[outer]
		cred, freed := s.credName(ff, namer, outer, g.jobs)
		azid, impEdits, ok := ff.Import(azidentityPath, "azidentity", site.Stmt.Pos())
		if !ok {
			fail("the azidentity package cannot be imported under a free name")
			continue
		}
		errName := ff.ErrName(site, namer)
		var prefer []*ast.IfStmt
		// The key credential's own check first (its words are about the
		// credential), then the client call's.
		for _, j := range g.jobs {
			for _, n := range j.removed {
				if c := s.keyDeclCheck(ff, n); c != nil {
					prefer = append(prefer, c)
				}
			}
		}
		for _, j := range g.jobs {
			if c := ff.ErrCheckAfter(j.at); c != nil {
				prefer = append(prefer, c)
			}
		}
		h, reason := ff.ErrPath(site, errName, prefer)
		if reason != "" {
			fail(reason)
			continue
		}
		text := ff.HandlerText(site, cred, errName, azid+credExpr, h)
		decl := analysis.TextEdit{Pos: site.Stmt.Pos(), End: site.Stmt.Pos(), NewText: []byte(text)}
		note := " with azidentity.NewDefaultAzureCredential"
		if len(g.jobs) > 1 {
			note += " (one credential shared by the function's clients)"
		}
		if g.hoisted {
			note += ", created once before the handler, loop or goroutine"
		}
		if h.Dies && !h.Copied {
			note += "; the function has no error path, so a credential error stops the program"
		}
		for _, j := range g.jobs {
			var edits []analysis.TextEdit
			edits = append(edits, impEdits...)
			edits = append(edits, decl)
			edits = append(edits, j.edits...)
			edits = append(edits, j.use(cred)...)
			c := &fixedit.Candidate{Edits: edits, Removed: j.removed, Keep: j.keep, Site: &site, ErrName: errName}
			if freed {
				c.Group = g.fn
			}
			j.cand = c
			j.msg += note + s.flagNote(ff, j.removed)
		}
	}
}

// credName picks the new credential's name in outer: the user's name of
// a key credential variable the fix deletes (when it does not say "key"),
// else "cred", counting as free the names of variables that only the
// rewritten arguments use (the fix deletes them). freed reports that the
// name was taken before the fix, so the jobs only compile together.
func (s *state) credName(ff *fixedit.File, namer *fixedit.Namer, outer ast.Node, jobs []*fixJob) (string, bool) {
	dying := s.dyingVars(ff, outer, jobs)
	for _, v := range dying {
		namer.Free(v.Name())
	}
	defer func() {
		for _, v := range dying {
			if v.Name() != "" {
				namer.Take(v.Name())
			}
		}
	}()
	for _, v := range dying {
		if keyCredentialName(v) && !namer.Used(v.Name()) {
			return namer.Fresh(v.Name()), true
		}
	}
	freed := false
	for _, v := range dying {
		if v.Name() == "cred" {
			freed = true
		}
	}
	name := namer.Fresh("cred")
	return name, freed && name == "cred"
}

// keyCredentialName reports whether v holds a key credential object
// (*azblob.SharedKeyCredential, *azcore.KeyCredential…) under a name that
// fits a token credential too: it says "cred" and not "key", "shared",
// "sas"….
func keyCredentialName(v *types.Var) bool {
	t := types.Unalias(v.Type())
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, ok := t.(*types.Named)
	if !ok || !strings.HasSuffix(n.Obj().Name(), "Credential") {
		return false
	}
	low := strings.ToLower(v.Name())
	if !strings.Contains(low, "cred") {
		return false // kc, k, c: a name about the key, or no name at all
	}
	for _, w := range []string{"key", "sas", "shared", "secret", "conn", "skc"} {
		if strings.Contains(low, w) {
			return false
		}
	}
	return true
}

// dyingVars returns the local variables of outer that only the jobs'
// removed expressions use, and whose name is spelled nowhere else in
// outer: once the fix deletes them, their names are free.
func (s *state) dyingVars(ff *fixedit.File, outer ast.Node, jobs []*fixJob) []*types.Var {
	var removed []ast.Node
	for _, j := range jobs {
		removed = append(removed, j.removed...)
	}
	in := func(id *ast.Ident) bool {
		for _, n := range removed {
			if n.Pos() <= id.Pos() && id.End() <= n.End() {
				return true
			}
		}
		return false
	}
	seen := map[*types.Var]bool{}
	var out []*types.Var
	for _, n := range removed {
		ast.Inspect(n, func(x ast.Node) bool {
			id, ok := x.(*ast.Ident)
			if !ok {
				return true
			}
			v, ok := s.pass.TypesInfo.Uses[id].(*types.Var)
			if !ok || seen[v] || v.IsField() || v.Pkg() != s.pass.Pkg || v.Pos() < outer.Pos() || v.Pos() >= outer.End() {
				return true
			}
			seen[v] = true
			if !declaredByStatement(ff, v) {
				return true // a parameter or range variable stays
			}
			for _, u := range ff.Uses.Of(v) {
				if !in(u) {
					return true
				}
			}
			clean := true
			ast.Inspect(outer, func(y ast.Node) bool {
				if yid, ok := y.(*ast.Ident); ok && yid.Name == v.Name() {
					if s.pass.TypesInfo.Defs[yid] != v && s.pass.TypesInfo.Uses[yid] != v {
						clean = false
					}
				}
				return clean
			})
			if clean {
				out = append(out, v)
			}
			return true
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos() < out[j].Pos() })
	return out
}

// declaredByStatement reports whether v is declared by an assignment or
// a var statement (which the fix may delete), not a parameter.
func declaredByStatement(ff *fixedit.File, v *types.Var) bool {
	for _, p := range ff.Path(v.Pos(), v.Pos()) {
		switch p.(type) {
		case *ast.AssignStmt, *ast.DeclStmt:
			return true
		case *ast.FuncType, *ast.RangeStmt, *ast.TypeSwitchStmt, *ast.FuncDecl, *ast.FuncLit:
			return false
		}
	}
	return false
}

// keyDeclCheck returns the error check following the declaration of the
// key credential variable n refers to (`skc, err := …; if err != nil`).
func (s *state) keyDeclCheck(ff *fixedit.File, n ast.Node) *ast.IfStmt {
	id, ok := ast.Unparen(n.(ast.Expr)).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := s.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.Pkg() != s.pass.Pkg || !v.Pos().IsValid() {
		return nil
	}
	for _, def := range ff.Path(v.Pos(), v.Pos()) {
		if did, ok := def.(*ast.Ident); ok {
			return ff.ErrCheckAfter(did)
		}
	}
	return nil
}

// isCredentialType recognizes a value usable as the token credential:
// azcore.TokenCredential itself, or a pointer to an azidentity
// credential type.
func isCredentialType(t types.Type) bool {
	if isTokenCredential(t) {
		return true
	}
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != azidentityPath {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, n.Obj().Pkg(), "GetToken")
	_, isFunc := obj.(*types.Func)
	return isFunc
}
