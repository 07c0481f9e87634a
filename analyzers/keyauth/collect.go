package keyauth

import (
	"go/ast"
	"go/types"
	"strings"
	"sync/atomic"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/keyless-dev/keyless/internal/rules"
)

// finding is one key-based construction before reporting.
type finding struct {
	rule *rules.KeyAuthRule
	ent  *entry        // the cataloged function, nil for objects, header maps, wrappers
	fn   *types.Func   // the callee (or referenced function)
	call *ast.CallExpr // nil for references, objects and header maps
	node ast.Node      // the reported range
	key  ast.Expr      // the key argument, when known
	via  *types.Func   // the wrapper called, for wrapper call sites
	ref  bool          // a function value, not a call
	what string        // for header maps/literals: the header name

	parent ast.Node  // the node directly enclosing node
	file   *ast.File // the file holding node
	decl   *ast.FuncDecl

	consumed bool     // its credential flows into another reported call
	modes    []string // go-openai: the key-based APIType constants one construction can take
	noFix    string   // why no fix is offered (explains the message)
}

// localCall is a call to a function of this package, kept to resolve
// wrappers declared in the package itself.
type localCall struct {
	call   *ast.CallExpr
	fn     *types.Func
	parent ast.Node
	file   *ast.File
	decl   *ast.FuncDecl
}

// collect walks the package once and records every key-based call,
// reference, object use and header write.
func (s *state) collect() {
	info := s.pass.TypesInfo
	called := map[*ast.Ident]bool{}
	var pendingOpts []*finding
	filter := []ast.Node{
		(*ast.File)(nil),
		(*ast.FuncDecl)(nil),
		(*ast.CallExpr)(nil),
		(*ast.Ident)(nil),
		(*ast.AssignStmt)(nil),
		(*ast.CompositeLit)(nil),
	}
	var file *ast.File
	s.insp.WithStack(filter, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		parent := ast.Node(nil)
		if len(stack) > 1 {
			parent = stack[len(stack)-2]
		}
		switch n := n.(type) {
		case *ast.File:
			file = n
		case *ast.CallExpr:
			if id := calleeIdent(n.Fun); id != nil {
				called[id] = true
			}
			fn, _ := typeutil.Callee(info, n).(*types.Func)
			if fn == nil {
				return true
			}
			fn = fn.Origin()
			if e := s.cat.lookup(fn); e != nil {
				f := &finding{rule: e.rule, ent: e, fn: fn, call: n, node: n, parent: parent, file: file, decl: enclosingDecl(stack)}
				if e.keyArg >= 0 && e.keyArg < len(n.Args) && !(n.Ellipsis.IsValid() && e.keyArg >= len(n.Args)-1) {
					f.key = n.Args[e.keyArg]
				}
				if e.header {
					na := e.rule.NameArg
					if na >= len(n.Args) {
						return true
					}
					name, ok := s.values().String(n.Args[na], nil).Known()
					if !ok || !s.cat.headers[e.rule][strings.ToLower(name)] {
						return true
					}
					f.what = name
				}
				if e.rule.Match == rules.MatchOpenAIOption {
					pendingOpts = append(pendingOpts, f)
					return true
				}
				s.findings = append(s.findings, f)
				return true
			}
			if fn.Pkg() == s.pass.Pkg {
				s.localCalls = append(s.localCalls, localCall{call: n, fn: fn, parent: parent, file: file, decl: enclosingDecl(stack)})
			} else if fact := s.importedWrapper(fn); fact != nil {
				s.addWrapperCall(n, fn, fact, parent, file, enclosingDecl(stack))
			}
		case *ast.Ident:
			obj := info.Uses[n]
			if obj == nil {
				return true
			}
			switch obj := obj.(type) {
			case *types.Func:
				if called[n] {
					return true
				}
				fn := obj.Origin()
				if e := s.cat.lookup(fn); e != nil && !e.header {
					if e.rule.Match == rules.MatchOpenAIOption {
						return true // an option value: judged where it is called
					}
					node := refNode(n, parent)
					s.findings = append(s.findings, &finding{rule: e.rule, ent: e, fn: fn, node: node, ref: true, parent: parent, file: file, decl: enclosingDecl(stack)})
				} else if fact := s.wrapperOf(fn); fact != nil {
					if r := s.cat.byID[fact.Params[0].RuleID]; r != nil {
						s.findings = append(s.findings, &finding{rule: r, fn: fn, node: refNode(n, parent), ref: true, via: fn, parent: parent, file: file, decl: enclosingDecl(stack)})
					}
				}
			case *types.TypeName:
				// A key-bearing options struct: &azopenai.OnYourDataAPIKeyAuthenticationOptions{Key: …}
				if obj.Pkg() == nil {
					return true
				}
				r := s.cat.objects[obj.Pkg().Path()+"."+obj.Name()]
				if r == nil {
					return true
				}
				if lit := literalOf(stack); lit != nil {
					s.findings = append(s.findings, &finding{rule: r, node: lit, parent: parent, file: file, decl: enclosingDecl(stack), what: obj.Pkg().Name() + "." + obj.Name() + " literal"})
				}
			case *types.Const, *types.Var:
				if obj.Pkg() == nil || obj.Parent() != obj.Pkg().Scope() {
					return true
				}
				r := s.cat.objects[obj.Pkg().Path()+"."+obj.Name()]
				if r == nil || !valuePosition(info, stack) {
					return true
				}
				s.findings = append(s.findings, &finding{rule: r, node: refNode(n, parent), parent: parent, file: file, decl: enclosingDecl(stack), what: obj.Pkg().Name() + "." + obj.Name()})
			}
		case *ast.AssignStmt:
			// req.Header["Api-Key"] = []string{key}
			for i, l := range n.Lhs {
				ix, ok := ast.Unparen(l).(*ast.IndexExpr)
				if !ok || !isHTTPHeader(info.TypeOf(ix.X)) || len(n.Lhs) != len(n.Rhs) {
					continue
				}
				if r, name := s.headerRule(ix.Index); r != nil {
					s.findings = append(s.findings, &finding{rule: r, node: n, key: n.Rhs[i], what: name, parent: parent, file: file, decl: enclosingDecl(stack)})
				}
			}
		case *ast.CompositeLit:
			// http.Header{"Api-Key": {key}}
			if !isHTTPHeader(info.TypeOf(n)) {
				return true
			}
			for _, e := range n.Elts {
				kv, ok := e.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				if r, name := s.headerRule(kv.Key); r != nil {
					s.findings = append(s.findings, &finding{rule: r, node: kv, key: kv.Value, what: name, parent: n, file: file, decl: enclosingDecl(stack)})
				}
			}
		}
		return true
	})
	s.judgeOptions(pendingOpts)
}

// judgeOptions keeps the openai-go options that authenticate to an
// Azure endpoint: plain OpenAI use is not key auth to Azure.
func (s *state) judgeOptions(pending []*finding) {
	if len(pending) == 0 {
		return
	}
	g := s.optionGroups()
	for _, f := range pending {
		if g.group(f.call).azure() {
			s.findings = append(s.findings, f)
		}
	}
}

// headerRule returns the http-header rule whose headers include the
// constant header name e.
func (s *state) headerRule(e ast.Expr) (*rules.KeyAuthRule, string) {
	name, ok := s.values().String(e, nil).Known()
	if !ok {
		return nil, ""
	}
	for r, hs := range s.cat.headers {
		if r.Match == rules.MatchHTTPHeader && hs[strings.ToLower(name)] {
			return r, name
		}
	}
	return nil, ""
}

func isHTTPHeader(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "Header"
}

// calleeIdent returns the identifier naming the function of a call.
func calleeIdent(fun ast.Expr) *ast.Ident {
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		return f
	case *ast.SelectorExpr:
		return f.Sel
	case *ast.IndexExpr:
		return calleeIdent(f.X)
	case *ast.IndexListExpr:
		return calleeIdent(f.X)
	}
	return nil
}

// refNode widens a referencing identifier to its qualified selector.
func refNode(id *ast.Ident, parent ast.Node) ast.Node {
	if se, ok := parent.(*ast.SelectorExpr); ok && se.Sel == id {
		return se
	}
	return id
}

// valuePosition reports whether the identifier on top of stack is used
// as a value (assigned, passed, returned, a field value) rather than
// compared.
func valuePosition(info *types.Info, stack []ast.Node) bool {
	i := len(stack) - 2
	if i >= 0 {
		if se, ok := stack[i].(*ast.SelectorExpr); ok && se.Sel == stack[i+1] {
			i--
		}
	}
	// string(openai.APITypeAzure) in a case or comparison is still a
	// comparison: look through conversions and parentheses.
	for i > 0 {
		switch p := stack[i].(type) {
		case *ast.ParenExpr:
			i--
			continue
		case *ast.CallExpr:
			if tv, ok := info.Types[p.Fun]; ok && tv.IsType() {
				i--
				continue
			}
		}
		break
	}
	if i < 0 {
		return false
	}
	child := stack[i+1]
	switch p := stack[i].(type) {
	case *ast.KeyValueExpr:
		return p.Value == child
	case *ast.AssignStmt, *ast.ValueSpec, *ast.CallExpr, *ast.CompositeLit, *ast.ReturnStmt:
		return true
	}
	return false
}

// literalOf returns the composite literal whose type is the identifier
// on top of stack (possibly qualified), or nil.
func literalOf(stack []ast.Node) *ast.CompositeLit {
	i := len(stack) - 1
	var typ ast.Node = stack[i]
	if i > 0 {
		if se, ok := stack[i-1].(*ast.SelectorExpr); ok && se.Sel == stack[i] {
			typ, i = se, i-1
		}
	}
	if i > 0 {
		if lit, ok := stack[i-1].(*ast.CompositeLit); ok && lit.Type == typ {
			return lit
		}
	}
	return nil
}

func enclosingDecl(stack []ast.Node) *ast.FuncDecl {
	for i := len(stack) - 1; i >= 0; i-- {
		if fd, ok := stack[i].(*ast.FuncDecl); ok {
			return fd
		}
	}
	return nil
}

// inspectorBuilds counts inspector constructions (tests check that
// irrelevant packages cost none).
var inspectorBuilds atomic.Int64

// newInspector builds the inspector of a relevant package; see New for
// why keyauth does not require inspect.Analyzer.
func newInspector(files []*ast.File) *inspector.Inspector {
	inspectorBuilds.Add(1)
	return inspector.New(files)
}
