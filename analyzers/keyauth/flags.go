package keyauth

import (
	"go/ast"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/keyless-dev/keyless/analyzers/internal/fixedit"
)

// flagNote says which key flags (flag.String) the fix leaves in place
// because other code still reads them: the fix removes a flag only when
// the key credential was its last reader. It looks at the expressions
// the fix drops and at the key argument of the key credential variables
// they use.
func (s *state) flagNote(ff *fixedit.File, removed []ast.Node) string {
	info := s.pass.TypesInfo
	var scope []ast.Node
	scope = append(scope, removed...)
	for _, n := range removed {
		ast.Inspect(n, func(x ast.Node) bool {
			if id, ok := x.(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok {
					if init, ok := s.values().Index.Single(v); ok {
						scope = append(scope, s.keyPart(init))
					}
				}
			}
			return true
		})
	}
	within := func(id *ast.Ident) bool {
		for _, n := range scope {
			if n.Pos() <= id.Pos() && id.End() <= n.End() {
				return true
			}
		}
		return false
	}
	var kept []string
	seen := map[*types.Var]bool{}
	for _, n := range scope {
		ast.Inspect(n, func(x ast.Node) bool {
			id, ok := x.(*ast.Ident)
			if !ok {
				return true
			}
			v, ok := info.Uses[id].(*types.Var)
			if !ok || seen[v] {
				return true
			}
			seen[v] = true
			init, ok := s.values().Index.Single(v)
			if !ok {
				return true
			}
			call, ok := ast.Unparen(init).(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			fn, _ := typeutil.Callee(info, call).(*types.Func)
			if fn == nil || (fn.FullName() != "flag.String" && fn.FullName() != "(*flag.FlagSet).String") {
				return true
			}
			for _, u := range ff.Uses.Of(v) {
				if !within(u) {
					name, _ := s.values().String(call.Args[0], nil).Known()
					if name == "" {
						name = v.Name()
					}
					kept = append(kept, "-"+name)
					break
				}
			}
			return true
		})
	}
	if len(kept) == 0 {
		return ""
	}
	sort.Strings(kept)
	return "; the " + strings.Join(kept, ", ") + " flag stays: other code still reads it"
}

// keyPart narrows a key credential constructor call to its key argument
// (NewSharedKeyCredential(account, key) -> key): an account name read
// elsewhere is not a key flag left behind.
func (s *state) keyPart(init ast.Expr) ast.Node {
	call, ok := ast.Unparen(init).(*ast.CallExpr)
	if !ok {
		return init
	}
	fn, _ := typeutil.Callee(s.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return init
	}
	if e := s.cat.lookup(fn); e != nil && e.keyArg >= 0 && e.keyArg < len(call.Args) {
		return call.Args[e.keyArg]
	}
	return init
}
