package keyauth

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/keyless-dev/keyless/analyzers/internal/fixedit"
)

// Real code often switches on configuration:
//
//	if cfg.AccountKey != "" { shared-key client } else { token client }
//
// Rewriting the key branch into a second keyless branch would leave a
// switch that no longer switches anything. When the other branch (the
// else block, or the code after a key branch that returns) already
// builds the keyless sibling, the fix removes the key branch instead.

const branchMsg = "Remove the key branch: the keyless branch beside it already builds the client"

// branchJob returns the fix removing the key branch holding f's call, or
// nil when the call is not in such a branch; reason is set when it is but
// the branch cannot be removed mechanically.
func (s *state) branchJob(ff *fixedit.File, f *finding) (job *fixJob, reason string) {
	ifs, block := s.keyBranch(ff, f)
	if ifs == nil {
		return nil, ""
	}
	manual := "the key branch beside the keyless branch can go; remove it by hand"
	if !s.plainCond(ifs.Cond) || !s.plainInit(ifs) {
		return nil, manual + " (its condition has effects)"
	}
	var edit analysis.TextEdit
	if ifs.Else == nil {
		e, ok := ff.DeleteLines(ifs)
		if !ok {
			return nil, manual
		}
		edit = e
	} else {
		els := ifs.Else.(*ast.BlockStmt)
		text, ok := s.unwrap(ff, els, block, ifs)
		if !ok {
			return nil, manual + " (the keyless branch's names clash once unwrapped)"
		}
		edit = analysis.TextEdit{Pos: ifs.Pos(), End: ifs.End(), NewText: []byte(text)}
	}
	removed := []ast.Node{ifs.Cond, ifs.Body}
	if ifs.Init != nil {
		removed = append(removed, ifs.Init)
	}
	return &fixJob{
		cand: &fixedit.Candidate{Edits: []analysis.TextEdit{edit}, Removed: removed},
		msg:  branchMsg,
	}, ""
}

// keyBranch returns the if statement whose then-branch holds f's call
// and whose other branch builds the keyless sibling, with the statement
// list holding the if.
func (s *state) keyBranch(ff *fixedit.File, f *finding) (*ast.IfStmt, ast.Node) {
	repl := replacementFunc(f.fn, f.ent.replacement)
	if repl == nil {
		return nil, nil
	}
	path := ff.Path(f.call.Pos(), f.call.End())
	for i, p := range path {
		switch p := p.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return nil, nil
		case *ast.IfStmt:
			if i == 0 || path[i-1] != ast.Node(p.Body) || i+1 >= len(path) {
				continue
			}
			block := path[i+1]
			switch els := p.Else.(type) {
			case *ast.BlockStmt:
				if len(els.List) > 0 && s.calls(els, repl) {
					return p, block
				}
			case nil:
				if !terminates(p.Body) {
					continue
				}
				after := false
				for _, st := range fixedit.StmtList(block) {
					if after && s.calls(st, repl) {
						return p, block
					}
					after = after || st == ast.Stmt(p)
				}
			}
			return nil, nil
		}
	}
	return nil, nil
}

// calls reports whether n calls fn (outside function literals).
func (s *state) calls(n ast.Node, fn *types.Func) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if found {
			return false
		}
		if _, ok := x.(*ast.FuncLit); ok {
			return false
		}
		if call, ok := x.(*ast.CallExpr); ok {
			if c, _ := typeutil.Callee(s.pass.TypesInfo, call).(*types.Func); c != nil && c.Origin() == fn {
				found = true
			}
		}
		return !found
	})
	return found
}

// terminates reports whether a block ends in a return.
func terminates(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	_, ok := b.List[len(b.List)-1].(*ast.ReturnStmt)
	return ok
}

// plainCond reports whether a condition can be deleted: no calls but
// os.Getenv, len and conversions.
func (s *state) plainCond(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		call, isCall := n.(*ast.CallExpr)
		if !isCall || !ok {
			return ok
		}
		if tv, isType := s.pass.TypesInfo.Types[call.Fun]; isType && tv.IsType() {
			return true
		}
		if id, isID := ast.Unparen(call.Fun).(*ast.Ident); isID && s.pass.TypesInfo.Uses[id] == types.Universe.Lookup("len") {
			return true
		}
		if fn, _ := typeutil.Callee(s.pass.TypesInfo, call).(*types.Func); fn != nil && fn.FullName() == "os.Getenv" {
			return true
		}
		ok = false
		return false
	})
	return ok
}

// plainInit reports whether the if's init statement (if any) can be
// deleted: `x := plain` whose variables the else block does not use.
func (s *state) plainInit(ifs *ast.IfStmt) bool {
	if ifs.Init == nil {
		return true
	}
	as, ok := ifs.Init.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE {
		return false
	}
	for _, r := range as.Rhs {
		if !s.plainCond(r) {
			return false
		}
	}
	if ifs.Else == nil {
		return true
	}
	uses := false
	ast.Inspect(ifs.Else, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if obj := s.pass.TypesInfo.Uses[id]; obj != nil && obj.Pos() >= as.Pos() && obj.Pos() < as.End() {
				uses = true
			}
		}
		return !uses
	})
	return !uses
}

// unwrap returns the else block's statements as the text replacing the
// whole if statement, one level less indented. ok is false when a name
// the block declares would clash in the enclosing block: declared there
// too and not re-declarable.
func (s *state) unwrap(ff *fixedit.File, els *ast.BlockStmt, block ast.Node, ifs *ast.IfStmt) (string, bool) {
	info := s.pass.TypesInfo
	outer := info.Scopes[block]
	if outer == nil {
		if fd := ff.OuterFunc(ifs); fd != nil {
			switch fn := fd.(type) {
			case *ast.FuncDecl:
				if fn.Body == block {
					outer = info.Scopes[fn.Type]
				}
			case *ast.FuncLit:
				if fn.Body == block {
					outer = info.Scopes[fn.Type]
				}
			}
		}
	}
	if outer == nil {
		return "", false
	}
	for _, st := range els.List {
		switch st := st.(type) {
		case *ast.AssignStmt:
			if st.Tok != token.DEFINE {
				continue
			}
			fresh := 0
			for _, l := range st.Lhs {
				id, _ := l.(*ast.Ident)
				if id == nil || id.Name == "_" {
					continue
				}
				prev := outer.Lookup(id.Name)
				if prev == nil {
					fresh++
					continue
				}
				obj := info.ObjectOf(id)
				if prev.Pos() > ifs.Pos() || obj == nil || !types.Identical(prev.Type(), obj.Type()) {
					return "", false
				}
			}
			if fresh == 0 {
				return "", false
			}
		case *ast.DeclStmt:
			gd, _ := st.Decl.(*ast.GenDecl)
			if gd == nil {
				return "", false
			}
			for _, sp := range gd.Specs {
				var names []*ast.Ident
				switch sp := sp.(type) {
				case *ast.ValueSpec:
					names = sp.Names
				case *ast.TypeSpec:
					names = []*ast.Ident{sp.Name}
				}
				for _, id := range names {
					if outer.Lookup(id.Name) != nil {
						return "", false
					}
				}
			}
		case *ast.LabeledStmt:
			return "", false
		}
	}
	src := ff.Src
	tf := s.pass.Fset.File(els.Pos())
	// From the line after the opening brace (comments before the first
	// statement included) to the end of the last statement.
	last := els.List[len(els.List)-1]
	start := tf.Offset(els.Lbrace) + 1
	if rest := strings.TrimLeft(string(src[start:tf.Offset(els.List[0].Pos())]), " \t"); strings.HasPrefix(rest, "\n") {
		start = tf.Offset(els.Lbrace) + 1 + strings.Index(string(src[start:]), "\n") + 1
	} else {
		return "", false
	}
	end := tf.Offset(last.End())
	ifIndent, _ := ff.Indent(ifs.Pos())
	lines := strings.Split(string(src[start:end]), "\n")
	for i, l := range lines {
		l = strings.TrimPrefix(l, ifIndent+"\t")
		if i > 0 && l != "" {
			l = ifIndent + l
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n"), true
}
