package broadrole

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/keyless-dev/keyless/analyzers/internal/constval"
)

// Role names are often chosen away from the assignment: a Default method
// of a spec type sets a field to fmt.Sprintf(".../roleDefinitions/%s",
// ContributorRoleID), a helper returns the role, a package-level variable
// holds it, and another function or package assigns it. The declaring
// package exports what such a field, variable or function result holds
// as a fact; the resolver reads the facts through its Source hook.

// roleValueFact is the role value (a role definition ID or a role GUID
// the catalog knows; unknown parts as constval.Unknown) that a struct
// field, package-level variable or function's first result holds.
type roleValueFact struct{ Value string }

func (*roleValueFact) AFact() {}

func (f *roleValueFact) String() string {
	return "role value " + strings.ReplaceAll(f.Value, constval.Unknown, "…")
}

// roleValuesFact marks a package that exported role values: packages
// importing it may pass them on.
type roleValuesFact struct{}

func (*roleValuesFact) AFact() {}

func (*roleValuesFact) String() string { return "role values" }

// factSource backs constval.Source with the facts of imported packages
// (and of the current one, exported before it is analyzed).
type factSource struct{ pass *analysis.Pass }

func (s factSource) Result(fn *types.Func, i int) (constval.Value, bool) {
	var f roleValueFact
	if i != 0 || !s.pass.ImportObjectFact(fn, &f) {
		return nil, false
	}
	return valueOf(f.Value), true
}

func (s factSource) Var(v *types.Var) (constval.Value, bool) {
	var f roleValueFact
	if !s.pass.ImportObjectFact(v, &f) {
		return nil, false
	}
	return valueOf(f.Value), true
}

// valueOf turns a fact's text back into a value, Unknown bytes into
// unknown pieces.
func valueOf(s string) constval.Value {
	var v constval.Value
	for i, part := range strings.Split(s, constval.Unknown) {
		if i > 0 {
			v = append(v, constval.Piece{Text: constval.Unknown})
		}
		if part != "" {
			v = append(v, constval.Piece{Text: part})
		}
	}
	return v
}

// roleish reports whether s names a role of the catalog: a role GUID or a
// role definition ID ending in one.
func (ix *roleIndex) roleish(s string) bool {
	guid, _, ok := roleGUID(s)
	return ok && ix.byGUID[strings.ToLower(guid)] != nil
}

// mayHoldRoles reports, cheaply (no syntax walk), whether the package can
// hold role values worth exporting: it declares a constant naming a role,
// or imports a package that exported role values.
func mayHoldRoles(pass *analysis.Pass, roles *roleIndex) bool {
	for _, imp := range pass.Pkg.Imports() {
		if pass.ImportPackageFact(imp, new(roleValuesFact)) {
			return true
		}
	}
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		c, ok := scope.Lookup(name).(*types.Const)
		if ok && c.Val().Kind() == constant.String && roles.roleish(constant.StringVal(c.Val())) {
			return true
		}
	}
	return false
}

// exportRoleFacts exports the role values held by the package's struct
// fields (every assignment agrees), package-level variables (assigned
// once) and functions (every return agrees).
func exportRoleFacts(pass *analysis.Pass, ix *constval.Index, res *constval.Resolver, roles *roleIndex) {
	found := map[types.Object]string{}
	conflict := map[types.Object]bool{}
	note := func(obj types.Object, e ast.Expr) {
		if obj == nil || obj.Pkg() != pass.Pkg || conflict[obj] {
			return
		}
		s := res.String(e, nil).String()
		if !roles.roleish(s) {
			conflict[obj] = true
			return
		}
		if old, ok := found[obj]; ok && old != s {
			conflict[obj] = true
			return
		}
		found[obj] = s
	}
	info := pass.TypesInfo
	for _, fs := range ix.FieldSets() {
		if v, ok := info.Uses[fs.Sel.Sel].(*types.Var); ok && v.IsField() {
			note(v, fs.Value)
		}
	}
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		if v, ok := scope.Lookup(name).(*types.Var); ok {
			if e, ok := ix.Single(v); ok {
				note(v, e)
			}
		}
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, _ := info.Defs[fd.Name].(*types.Func)
			if fn == nil || fn.Type().(*types.Signature).Results().Len() == 0 {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.ReturnStmt:
					if len(n.Results) == 0 {
						conflict[fn] = true // named results: not followed
					} else {
						note(fn, n.Results[0])
					}
				}
				return true
			})
		}
	}
	n := 0
	for obj, s := range found {
		if !conflict[obj] {
			pass.ExportObjectFact(obj, &roleValueFact{Value: s})
			n++
		}
	}
	if n > 0 {
		pass.ExportPackageFact(&roleValuesFact{})
	}
}
