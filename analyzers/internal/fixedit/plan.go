package fixedit

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Candidate is the rewrite of one diagnostic before planning.
type Candidate struct {
	// Edits are the rewrite itself (renamed call, replaced argument,
	// inserted declaration, added imports).
	Edits []analysis.TextEdit
	// Removed are the nodes whose source text the edits drop (a replaced
	// argument, a replaced call): every identifier inside stops being a
	// use, which may leave a local variable or an import unused.
	Removed []ast.Node
	// Keep are objects the new text refers to: never deleted as unused.
	Keep []types.Object
	// Site and ErrName describe the declaration the edits insert, so
	// that a deleted `x, err := …` can hand err over to it.
	Site    *Site
	ErrName string
	// Group, when set, ties candidates that only compile together (one
	// reuses a name another's deletion frees): Plan merges them.
	Group any

	// Fix is set by Plan: the edits to offer (the candidate's own, those
	// of candidates it had to be merged with, and the deletions), or nil
	// when no fix compiles; Reason then says why.
	Fix    []analysis.TextEdit
	Reason string
}

// PureFunc reports whether a call may be deleted when its result is no
// longer used (it has no effect worth keeping). DefaultPure covers a few
// standard functions.
type PureFunc func(fn *types.Func) bool

// DefaultPure accepts os.Getenv and string formatting/trimming helpers.
func DefaultPure(fn *types.Func) bool {
	switch fn.FullName() {
	case "os.Getenv", "fmt.Sprintf", "fmt.Sprint", "strings.TrimSpace",
		"strings.TrimSuffix", "strings.TrimPrefix", "strings.ToLower",
		"strings.ToUpper", "strings.Join", "strconv.Quote":
		return true
	}
	return false
}

// Plan turns candidates into fixes that compile when applied alone and
// when all are applied together, filling each candidate's Fix (or
// Reason). Candidates with no Edits are left alone.
func (f *File) Plan(cands []*Candidate, pure PureFunc) {
	var live []*Candidate
	for _, c := range cands {
		if len(c.Edits) > 0 && c.Reason == "" {
			live = append(live, c)
		}
	}
	for len(live) > 0 {
		parent := make([]int, len(live))
		for i := range parent {
			parent[i] = i
		}
		var find func(int) int
		find = func(i int) int {
			for parent[i] != i {
				parent[i] = parent[parent[i]]
				i = parent[i]
			}
			return i
		}
		byGroup := map[any]int{}
		for i, c := range live {
			if c.Group == nil {
				continue
			}
			if j, ok := byGroup[c.Group]; ok {
				parent[find(i)] = find(j)
			} else {
				byGroup[c.Group] = i
			}
		}
		groups := func() map[int][]int {
			g := map[int][]int{}
			for i := range live {
				r := find(i)
				g[r] = append(g[r], i)
			}
			return g
		}
		var gs map[int][]int
		var dead map[int]*deadSet
		for {
			gs = groups()
			all := f.dead(live, pure)
			dead = map[int]*deadSet{}
			for r, members := range gs {
				dead[r] = f.dead(pick(live, members), pure)
			}
			merged := false
			for _, obj := range all.order {
				covered := false
				for r := range gs {
					if _, ok := dead[r].objs[obj]; ok {
						covered = true
						break
					}
				}
				if covered {
					continue
				}
				inv := f.involved(obj, all, live, map[types.Object]bool{})
				for i := 1; i < len(inv); i++ {
					a, b := find(inv[0]), find(inv[i])
					if a != b {
						parent[b] = a
						merged = true
					}
				}
			}
			if !merged {
				break
			}
		}
		dropped := map[*Candidate]bool{}
		for r, members := range gs {
			d := dead[r]
			var fix []analysis.TextEdit
			reason := d.reason
			if d.ok {
				fix = mergeEdits(pick(live, members), d.edits)
				if fix == nil {
					reason = "the rewrite's edits overlap"
				}
			}
			for _, i := range members {
				c := live[i]
				if fix == nil {
					c.Fix, c.Reason = nil, reason
					dropped[c] = true
					continue
				}
				c.Fix = fix
			}
		}
		if len(dropped) == 0 {
			return
		}
		var next []*Candidate
		for _, c := range live {
			if !dropped[c] {
				next = append(next, c)
			}
		}
		live = next
	}
}

func pick(cs []*Candidate, idx []int) []*Candidate {
	out := make([]*Candidate, len(idx))
	for i, j := range idx {
		out[i] = cs[j]
	}
	return out
}

// mergeEdits unions the candidates' edits and the deletions, dropping
// exact duplicates (shared import additions); nil if edits overlap.
func mergeEdits(cs []*Candidate, extra []analysis.TextEdit) []analysis.TextEdit {
	var all []analysis.TextEdit
	type key struct {
		pos, end token.Pos
		text     string
	}
	seen := map[key]bool{}
	add := func(e analysis.TextEdit) {
		k := key{e.Pos, e.End, string(e.NewText)}
		if seen[k] {
			return
		}
		seen[k] = true
		all = append(all, e)
	}
	for _, c := range cs {
		for _, e := range c.Edits {
			add(e)
		}
	}
	for _, e := range extra {
		add(e)
	}
	sortEdits(all)
	for i := 1; i < len(all); i++ {
		if all[i].Pos < all[i-1].End {
			return nil
		}
	}
	return all
}

type rng struct{ pos, end token.Pos }

// deadSet is what applying a set of candidates leaves unused.
type deadSet struct {
	ok     bool
	reason string
	objs   map[types.Object][]ast.Node // unused object -> deleted nodes
	order  []types.Object
	ranges []rng
	edits  []analysis.TextEdit
	cands  []*Candidate
}

func (d *deadSet) covers(pos token.Pos) bool {
	for _, r := range d.ranges {
		if r.pos <= pos && pos < r.end {
			return true
		}
	}
	return false
}

// dead computes the declarations and imports that become unused when the
// candidates' Removed nodes are gone, cascading through deleted
// declarations, and the edits deleting them.
func (f *File) dead(cs []*Candidate, pure PureFunc) *deadSet {
	d := &deadSet{ok: true, objs: map[types.Object][]ast.Node{}, cands: cs}
	var pending []types.Object
	seen := map[types.Object]bool{}
	collect := func(n ast.Node) {
		ast.Inspect(n, func(x ast.Node) bool {
			id, ok := x.(*ast.Ident)
			if !ok {
				return true
			}
			obj := f.Info.Uses[id]
			if obj == nil {
				return true
			}
			if pn, ok := obj.(*types.PkgName); ok || f.dotImported(id, obj) != nil {
				if !ok {
					// Track a dot import through a pseudo object: the spec's PkgName.
					pn = f.pkgName(f.dotImported(id, obj))
				}
				if pn != nil && !seen[pn] {
					seen[pn] = true
					pending = append(pending, pn)
				}
				return true
			}
			if v, ok := obj.(*types.Var); ok && f.isLocal(v) && !seen[v] {
				seen[v] = true
				pending = append(pending, v)
			}
			return true
		})
	}
	for _, c := range cs {
		for _, n := range c.Removed {
			d.ranges = append(d.ranges, rng{n.Pos(), n.End()})
		}
	}
	for _, c := range cs {
		for _, n := range c.Removed {
			collect(n)
		}
	}
	done := map[types.Object]bool{}
	for _, c := range cs {
		for _, obj := range c.Keep {
			done[obj] = true // referred to by the new text: alive
		}
	}
	for changed := true; changed; {
		changed = false
		for i := 0; i < len(pending); i++ {
			obj := pending[i]
			if done[obj] || !f.allUsesCovered(obj, d) {
				continue
			}
			done[obj] = true
			changed = true
			if d.covers(obj.Pos()) {
				continue // declared in a statement that is deleted already
			}
			d.order = append(d.order, obj)
			nodes, edits, reason := f.deleteDecl(obj, d, pure)
			if reason != "" {
				if d.ok {
					d.ok, d.reason = false, reason
				}
				d.objs[obj] = nil
				continue
			}
			d.objs[obj] = nodes
			d.edits = append(d.edits, edits...)
			for _, n := range nodes {
				d.ranges = append(d.ranges, rng{n.Pos(), n.End()})
				if _, isImport := n.(*ast.ImportSpec); !isImport {
					collect(n)
				}
			}
		}
	}
	return d
}

// allUsesCovered reports whether every use of obj in the file lies in a
// removed range (and obj has at least one use).
func (f *File) allUsesCovered(obj types.Object, d *deadSet) bool {
	uses := f.usesOf(obj)
	if len(uses) == 0 {
		return false
	}
	for _, id := range uses {
		if !d.covers(id.Pos()) {
			return false
		}
	}
	return true
}

// usesOf returns the uses of obj; for a dot import's PkgName, the
// unqualified uses of that package's objects in this file.
func (f *File) usesOf(obj types.Object) []*ast.Ident {
	pn, ok := obj.(*types.PkgName)
	if !ok || pn.Name() != "." {
		return f.Uses.Of(obj)
	}
	var ids []*ast.Ident
	ast.Inspect(f.AST, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if o := f.Info.Uses[id]; o != nil && o.Pkg() == pn.Imported() && f.dotImported(id, o) != nil {
				ids = append(ids, id)
			}
		}
		return true
	})
	return ids
}

// dotImported returns the dot-import spec through which id (an
// unqualified identifier) refers to obj, if any.
func (f *File) dotImported(id *ast.Ident, obj types.Object) *ast.ImportSpec {
	if obj.Pkg() == nil || obj.Pkg() == f.Pkg || obj.Parent() != obj.Pkg().Scope() {
		return nil
	}
	if f.sels == nil {
		f.sels = map[*ast.Ident]bool{}
		ast.Inspect(f.AST, func(n ast.Node) bool {
			if se, ok := n.(*ast.SelectorExpr); ok {
				f.sels[se.Sel] = true
			}
			return true
		})
	}
	if f.sels[id] {
		return nil
	}
	for _, imp := range f.AST.Imports {
		if imp.Name != nil && imp.Name.Name == "." && importPath(imp) == obj.Pkg().Path() {
			// Qualified uses (pkg.X) resolve through a PkgName, so an
			// identifier resolving straight to obj came through the dot.
			return imp
		}
	}
	return nil
}

// isLocal reports whether v is a variable declared in a function body of
// this file (the only kind the compiler requires to be used).
func (f *File) isLocal(v *types.Var) bool {
	if v.IsField() || v.Pkg() != f.Pkg || !v.Pos().IsValid() || f.Fset.File(v.Pos()) != f.tf {
		return false
	}
	for _, p := range f.Path(v.Pos(), v.Pos()) {
		switch p := p.(type) {
		case *ast.FuncDecl:
			return p.Body != nil && within(v.Pos(), v.Pos(), p.Body)
		case *ast.FuncLit:
			return within(v.Pos(), v.Pos(), p.Body)
		}
	}
	return false
}

// deleteDecl returns the nodes to delete so that obj (now unused) is no
// longer declared, and their edits; reason is set when that cannot be
// done cleanly.
func (f *File) deleteDecl(obj types.Object, d *deadSet, pure PureFunc) (nodes []ast.Node, edits []analysis.TextEdit, reason string) {
	if pn, ok := obj.(*types.PkgName); ok {
		spec := f.importSpecOf(pn)
		if spec == nil {
			return nil, nil, "an import it no longer needs is declared elsewhere"
		}
		e, ok := f.deleteImport(spec)
		if !ok {
			return nil, nil, "the import " + importPath(spec) + " would become unused and cannot be removed cleanly"
		}
		return []ast.Node{spec}, []analysis.TextEdit{e}, ""
	}
	unclean := "the variable " + obj.Name() + " would become unused and its declaration cannot be removed cleanly"
	path := f.Path(obj.Pos(), obj.Pos())
	var stmt ast.Stmt
	var block ast.Node
	for i, p := range path {
		switch p := p.(type) {
		case *ast.AssignStmt:
			if stmt == nil {
				stmt = p
			}
		case *ast.DeclStmt:
			if stmt == nil {
				stmt = p
			}
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			if stmt != nil && i > 0 && path[i-1] == stmt {
				block = p
			}
		case *ast.RangeStmt, *ast.TypeSwitchStmt, *ast.FuncType:
			if stmt == nil {
				return nil, nil, unclean
			}
		}
		if block != nil {
			break
		}
	}
	if stmt == nil || block == nil {
		return nil, nil, unclean
	}
	switch st := stmt.(type) {
	case *ast.DeclStmt:
		gd, _ := st.Decl.(*ast.GenDecl)
		if gd == nil || gd.Tok != token.VAR || len(gd.Specs) != 1 {
			return nil, nil, unclean
		}
		vs := gd.Specs[0].(*ast.ValueSpec)
		if len(vs.Names) != 1 || len(vs.Values) != 1 || !f.pureExpr(vs.Values[0], pure) {
			return nil, nil, unclean
		}
		e, ok := f.deleteLines(st)
		if !ok {
			return nil, nil, unclean
		}
		return []ast.Node{st}, []analysis.TextEdit{e}, ""
	case *ast.AssignStmt:
		if st.Tok != token.DEFINE || len(st.Rhs) != 1 {
			return nil, nil, unclean
		}
		if lhs0, ok := st.Lhs[0].(*ast.Ident); !ok || f.Info.Defs[lhs0] != obj {
			return nil, nil, unclean
		}
		switch len(st.Lhs) {
		case 1:
			if !f.pureExpr(st.Rhs[0], pure) {
				return nil, nil, unclean
			}
			e, ok := f.deleteLines(st)
			if !ok {
				return nil, nil, unclean
			}
			return []ast.Node{st}, []analysis.TextEdit{e}, ""
		case 2:
			return f.deleteWithErr(st, block, d, pure, unclean)
		}
	}
	return nil, nil, unclean
}

// deleteWithErr deletes `v, err := call(...)` and the `if err != nil
// {…}` that follows it. When the statement declared err, every later use
// of err must be re-declared by an inserted `x, err := …` of one of the
// candidates in the same block before those uses.
func (f *File) deleteWithErr(st *ast.AssignStmt, block ast.Node, d *deadSet, pure PureFunc, unclean string) ([]ast.Node, []analysis.TextEdit, string) {
	if !f.pureExpr(st.Rhs[0], pure) {
		return nil, nil, unclean
	}
	errID, ok := st.Lhs[1].(*ast.Ident)
	if !ok {
		return nil, nil, unclean
	}
	e, ok := f.deleteLines(st)
	if !ok {
		return nil, nil, unclean
	}
	if errID.Name == "_" {
		return []ast.Node{st}, []analysis.TextEdit{e}, ""
	}
	errObj := f.Info.Defs[errID]
	defined := errObj != nil
	if !defined {
		errObj = f.Info.Uses[errID]
	}
	if errObj == nil || !types.Identical(errObj.Type(), errorType) {
		return nil, nil, unclean
	}
	list := stmtList(block)
	var check *ast.IfStmt
	for i, x := range list {
		if x == ast.Stmt(st) && i+1 < len(list) {
			check, _ = list[i+1].(*ast.IfStmt)
		}
	}
	if check == nil || check.Init != nil || check.Else != nil || !isNotNil(check.Cond, errID.Name) {
		return nil, nil, unclean
	}
	e2, ok := f.deleteLines(check)
	if !ok {
		return nil, nil, unclean
	}
	if defined {
		// Uses of err outside the deleted statements must come after an
		// inserted declaration of err in the same block.
		var rest []*ast.Ident
		for _, id := range f.Uses.Of(errObj) {
			if within(id.Pos(), id.End(), check) || d.covers(id.Pos()) {
				continue
			}
			rest = append(rest, id)
		}
		if len(rest) > 0 {
			handed := false
			for _, c := range d.cands {
				if c.Site == nil || c.Site.Block != block || c.ErrName != errID.Name || c.Site.Stmt.Pos() < check.End() {
					continue
				}
				all := true
				for _, id := range rest {
					if id.Pos() < c.Site.Stmt.Pos() || id.Pos() >= block.End() {
						all = false
					}
				}
				if all {
					handed = true
					break
				}
			}
			if !handed && !f.redeclared(rest, block) {
				return nil, nil, unclean
			}
		}
	}
	return []ast.Node{st, check}, []analysis.TextEdit{e, e2}, ""
}

func isNotNil(cond ast.Expr, name string) bool {
	be, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || be.Op != token.NEQ {
		return false
	}
	x, ok1 := ast.Unparen(be.X).(*ast.Ident)
	y, ok2 := ast.Unparen(be.Y).(*ast.Ident)
	return ok1 && ok2 && x.Name == name && y.Name == "nil"
}

// pureExpr reports whether e can be deleted without losing an effect.
func (f *File) pureExpr(e ast.Expr, pure PureFunc) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			ok = false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ok = false
			}
		case *ast.CallExpr:
			if tv, isType := f.Info.Types[n.Fun]; isType && tv.IsType() {
				return true // conversion
			}
			fn, isFunc := typeutil.Callee(f.Info, n).(*types.Func)
			if !isFunc {
				ok = false
				return false
			}
			if !(DefaultPure(fn) || (pure != nil && pure(fn.Origin()))) {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// involved returns the candidates (indexes into live) whose removals
// together make obj unused.
func (f *File) involved(obj types.Object, all *deadSet, live []*Candidate, seen map[types.Object]bool) []int {
	if seen[obj] {
		return nil
	}
	seen[obj] = true
	set := map[int]bool{}
	for _, id := range f.usesOf(obj) {
		found := false
		for i, c := range live {
			for _, n := range c.Removed {
				if within(id.Pos(), id.End(), n) {
					set[i] = true
					found = true
				}
			}
		}
		if found {
			continue
		}
		for other, nodes := range all.objs {
			for _, n := range nodes {
				if within(id.Pos(), id.End(), n) {
					for _, i := range f.involved(other, all, live, seen) {
						set[i] = true
					}
				}
			}
		}
	}
	out := make([]int, 0, len(set))
	for i := range set {
		out = append(out, i)
	}
	slices.Sort(out)
	return out
}

// redeclared reports whether the first of uses (of an err whose
// declaration is deleted) is on the left of a `:=` directly in block and
// all the others follow it in block: that statement then declares err.
func (f *File) redeclared(uses []*ast.Ident, block ast.Node) bool {
	uses = slices.Clone(uses)
	slices.SortFunc(uses, func(a, b *ast.Ident) int { return int(a.Pos() - b.Pos()) })
	first := uses[0]
	for _, st := range stmtList(block) {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE || !slices.ContainsFunc(as.Lhs, func(e ast.Expr) bool { return e == ast.Expr(first) }) {
			continue
		}
		for _, id := range uses {
			if id.Pos() < as.Pos() || id.Pos() >= block.End() {
				return false
			}
		}
		return true
	}
	return false
}
