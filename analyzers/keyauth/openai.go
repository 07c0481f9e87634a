package keyauth

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// openai-go options are values: they are collected in slices, appended,
// passed through helpers and finally handed to openai.NewClient (or to
// a request method). To know whether option.WithAPIKey authenticates to
// Azure, keyauth groups every option with the options it ends up beside:
// a union-find over variables, option calls, slice literals and the
// calls that consume options. A group targets Azure when it holds
// azure.WithEndpoint or an option.WithBaseURL whose URL resolves to an
// Azure host.

// optGroups is the union-find of one package.
type optGroups struct {
	s      *state
	parent map[any]any
	props  map[any]*groupProps
}

// groupProps describes the options of one group.
type groupProps struct {
	endpoint bool // azure.WithEndpoint present
	baseURL  bool // option.WithBaseURL present
	azureURL bool // a base URL resolves to an Azure host
	v1       bool // an Azure base URL uses the /openai/v1 route
}

func (g *groupProps) azure() bool { return g.endpoint || g.azureURL }

func (g *optGroups) find(x any) any {
	p, ok := g.parent[x]
	if !ok {
		g.parent[x] = x
		return x
	}
	if p == x {
		return x
	}
	r := g.find(p)
	g.parent[x] = r
	return r
}

func (g *optGroups) union(a, b any) {
	if a == nil || b == nil {
		return
	}
	ra, rb := g.find(a), g.find(b)
	if ra != rb {
		g.parent[rb] = ra
	}
}

// group returns the properties of n's group.
func (g *optGroups) group(n any) *groupProps {
	if p := g.props[g.find(n)]; p != nil {
		return p
	}
	return &groupProps{}
}

// isOptType reports whether t is an openai-go RequestOption, or a slice
// or array of them.
func isOptType(t types.Type) bool {
	if t == nil {
		return false
	}
	switch u := types.Unalias(t).(type) {
	case *types.Slice:
		return isOptType(u.Elem())
	case *types.Array:
		return isOptType(u.Elem())
	case *types.Named:
		obj := u.Obj()
		if obj.Name() != "RequestOption" || obj.Pkg() == nil {
			return false
		}
		_, ok := openAIModule(obj.Pkg().Path())
		return ok
	}
	return false
}

// optionGroups builds the groups of the package (once).
func (s *state) optionGroups() *optGroups {
	if s.groups != nil {
		return s.groups
	}
	g := &optGroups{s: s, parent: map[any]any{}, props: map[any]*groupProps{}}
	s.groups = g
	info := s.pass.TypesInfo
	consuming := map[*ast.CallExpr]bool{}
	type optCall struct {
		call *ast.CallExpr
		name string
	}
	var optCalls []optCall

	// First pass: calls that consume options, option constructors.
	for _, f := range s.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if fn, ok := typeutil.Callee(info, call).(*types.Func); ok && fn.Pkg() != nil {
				if mod, ok := openAIModule(fn.Pkg().Path()); ok {
					switch strings.TrimPrefix(fn.FullName(), mod) {
					case "/azure.WithEndpoint", "/option.WithBaseURL":
						optCalls = append(optCalls, optCall{call, strings.TrimPrefix(fn.FullName(), mod)})
					}
				}
			}
			sig, _ := info.TypeOf(call.Fun).(*types.Signature)
			if sig == nil {
				if b, ok := typeutil.Callee(info, call).(*types.Builtin); ok && b.Name() == "append" && isOptType(info.TypeOf(call)) {
					consuming[call] = true
					for _, a := range call.Args {
						g.union(call, s.optNode(a))
					}
				}
				return true
			}
			params := sig.Params()
			for i, a := range call.Args {
				var pt types.Type
				pi := i
				switch {
				case sig.Variadic() && i >= params.Len()-1:
					pi = params.Len() - 1
					pt = params.At(pi).Type()
					if !call.Ellipsis.IsValid() {
						pt = pt.(*types.Slice).Elem()
					}
				case i < params.Len():
					pt = params.At(i).Type()
				}
				if !isOptType(pt) {
					continue
				}
				consuming[call] = true
				g.union(call, s.optNode(a))
				// A helper of this package taking options: its
				// parameter joins the group (all call sites merge).
				if fn, ok := typeutil.Callee(info, call).(*types.Func); ok && fn.Pkg() == s.pass.Pkg {
					if fsig, ok := fn.Type().(*types.Signature); ok && pi < fsig.Params().Len() {
						g.union(call, fsig.Params().At(pi))
					}
				}
			}
			if consuming[call] {
				// Request methods: client.Chat.Completions.New(ctx, p, opts...)
				// join the client's group.
				if root := rootVar(info, call.Fun); root != nil {
					g.union(call, root)
				}
			}
			return true
		})
	}
	// Second pass: literals, assignments, returns.
	for _, f := range s.pass.Files {
		var fnStack []*types.Func
		var inspect func(n ast.Node) bool
		inspect = func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				obj, _ := info.Defs[n.Name].(*types.Func)
				fnStack = append(fnStack, obj)
				if n.Body != nil {
					ast.Inspect(n.Body, inspect)
				}
				fnStack = fnStack[:len(fnStack)-1]
				return false
			case *ast.FuncLit:
				fnStack = append(fnStack, nil)
				ast.Inspect(n.Body, inspect)
				fnStack = fnStack[:len(fnStack)-1]
				return false
			case *ast.CompositeLit:
				if isOptType(info.TypeOf(n)) {
					for _, e := range n.Elts {
						if kv, ok := e.(*ast.KeyValueExpr); ok {
							e = kv.Value
						}
						g.union(n, s.optNode(e))
					}
				}
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i := range n.Lhs {
						if isOptType(info.TypeOf(n.Lhs[i])) || isConsuming(consuming, n.Rhs[i]) {
							g.union(s.optNode(n.Lhs[i]), s.optNode(n.Rhs[i]))
						}
					}
				} else if len(n.Rhs) == 1 && isConsuming(consuming, n.Rhs[0]) {
					g.union(s.optNode(n.Lhs[0]), s.optNode(n.Rhs[0]))
				}
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i := range n.Names {
						if isOptType(info.TypeOf(n.Names[i])) || isConsuming(consuming, n.Values[i]) {
							g.union(info.Defs[n.Names[i]], s.optNode(n.Values[i]))
						}
					}
				} else if len(n.Values) == 1 && len(n.Names) > 0 && isConsuming(consuming, n.Values[0]) {
					g.union(info.Defs[n.Names[0]], s.optNode(n.Values[0]))
				}
			case *ast.ReturnStmt:
				if len(fnStack) == 0 || fnStack[len(fnStack)-1] == nil {
					break
				}
				fn := fnStack[len(fnStack)-1]
				for _, r := range n.Results {
					if isOptType(info.TypeOf(r)) || isConsuming(consuming, r) {
						g.union(fn, s.optNode(r))
					}
				}
			}
			return true
		}
		ast.Inspect(f, inspect)
	}
	// Properties.
	for _, oc := range optCalls {
		p := g.propsOf(oc.call)
		switch oc.name {
		case "/azure.WithEndpoint":
			p.endpoint = true
		case "/option.WithBaseURL":
			p.baseURL = true
			if len(oc.call.Args) == 1 {
				u := parseURL(s.values().String(oc.call.Args[0], nil).String())
				if u.azure {
					p.azureURL = true
					p.v1 = p.v1 || u.v1
				}
			}
		}
	}
	return g
}

func (g *optGroups) propsOf(n any) *groupProps {
	r := g.find(n)
	p := g.props[r]
	if p == nil {
		p = &groupProps{}
		g.props[r] = p
	}
	return p
}

func isConsuming(consuming map[*ast.CallExpr]bool, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && consuming[call]
}

// optNode maps an expression to its union-find node.
func (s *state) optNode(e ast.Expr) any {
	info := s.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj := info.Uses[e]
		if obj == nil {
			obj = info.Defs[e]
		}
		if v, ok := obj.(*types.Var); ok {
			return v
		}
	case *ast.SelectorExpr:
		if sel := info.Selections[e]; sel != nil {
			if v, ok := sel.Obj().(*types.Var); ok {
				return v
			}
			return nil
		}
		if v, ok := info.Uses[e.Sel].(*types.Var); ok {
			return v
		}
	case *ast.CallExpr:
		if fn, ok := typeutil.Callee(info, e).(*types.Func); ok && fn.Pkg() == s.pass.Pkg {
			return fn.Origin()
		}
		return e
	case *ast.CompositeLit:
		return e
	case *ast.SliceExpr:
		return s.optNode(e.X)
	case *ast.IndexExpr:
		return s.optNode(e.X)
	case *ast.StarExpr:
		return s.optNode(e.X)
	case *ast.UnaryExpr:
		return s.optNode(e.X)
	}
	return nil
}

// rootVar returns the variable at the root of a selector chain
// (client in client.Chat.Completions.New).
func rootVar(info *types.Info, e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			if _, isPkg := info.Uses[identOf(x.X)].(*types.PkgName); isPkg {
				return nil
			}
			e = x.X
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			return v
		default:
			return nil
		}
	}
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// openAIVersion returns the module path and version (possibly "") of
// the openai-go package pkg, from the facts its analysis exported.
func (s *state) openAIVersion(pkg *types.Package) (mod, version string) {
	mod, _ = openAIModule(pkg.Path())
	var f moduleFact
	if s.pass.ImportPackageFact(pkg, &f) {
		version = f.Version
	}
	return mod, version
}
