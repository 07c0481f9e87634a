package keyauth

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// Storage drivers often offer the key as one credential option among
// several, chosen by a switch on the configured type:
//
//	switch cfg.CredType {
//	case credTypeDefault:   return container.NewClient(url, cred, opts)
//	case credTypeSharedKey: return container.NewClientWithSharedKeyCredential(…)
//	}
//
// (gocloud.dev blob/azureblob), or through one function per option
// (distribution registry/storage/driver/azure: newTokenClient and
// newSharedKeyCredentialsClient). Rewriting the key case into a second
// DefaultAzureCredential case leaves an option that silently ignores the
// key it is configured with; removing the case turns that configuration
// into an error. Either is a change of the driver's configuration, which
// a reviewer wants made by hand: the finding stays, without a fix.

const optionNoFix = "the key is one credential option of a switch whose other case already builds the keyless client; drop the key option (its configuration and docs) by hand"

// keyOption reports whether f's call is (or is in a function called
// from) a switch case whose sibling case builds f's keyless sibling.
func (s *state) keyOption(f *finding) bool {
	repl := branchSibling(f)
	if repl == nil || f.decl == nil {
		return false
	}
	if s.siblingCaseBuilds(f.file, f.call, repl) {
		return true
	}
	// One level up: the function holding the call is what a case calls.
	fn, _ := s.pass.TypesInfo.Defs[f.decl.Name].(*types.Func)
	if fn == nil {
		return false
	}
	for _, file := range s.pass.Files {
		found := false
		ast.Inspect(file, func(n ast.Node) bool {
			if found {
				return false
			}
			if call, ok := n.(*ast.CallExpr); ok && typeutil.Callee(s.pass.TypesInfo, call) == fn {
				found = s.siblingCaseBuilds(file, call, repl)
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// siblingCaseBuilds reports whether n sits in a case clause (outside
// function literals) of a switch another of whose clauses calls repl,
// directly or through a function of this package that calls it.
func (s *state) siblingCaseBuilds(file *ast.File, n ast.Node, repl *types.Func) bool {
	path, _ := astutil.PathEnclosingInterval(file, n.Pos(), n.End())
	for i, p := range path {
		switch p := p.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		case *ast.CaseClause:
			if i+1 >= len(path) {
				return false
			}
			body, ok := path[i+1].(*ast.BlockStmt)
			if !ok {
				return false
			}
			for _, st := range body.List {
				if cc, ok := st.(*ast.CaseClause); ok && cc != p && s.builds(cc, repl) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// builds reports whether n calls repl, or calls a function declared in
// this package whose body calls repl.
func (s *state) builds(n ast.Node, repl *types.Func) bool {
	if s.calls(n, repl) {
		return true
	}
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if found {
			return false
		}
		call, ok := x.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn, _ := typeutil.Callee(s.pass.TypesInfo, call).(*types.Func)
		if fn == nil || fn.Pkg() != s.pass.Pkg {
			return true
		}
		if decl := s.declOf(fn); decl != nil && decl.Body != nil && s.calls(decl.Body, repl) {
			found = true
		}
		return !found
	})
	return found
}

// declOf returns the declaration of a function of this package.
func (s *state) declOf(fn *types.Func) *ast.FuncDecl {
	for _, file := range s.pass.Files {
		if file.Pos() > fn.Pos() || fn.Pos() >= file.End() {
			continue
		}
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Pos() == fn.Pos() {
				return fd
			}
		}
	}
	return nil
}
