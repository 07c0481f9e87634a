package keyauth

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// unknown stands for a part of a string that cannot be resolved
// statically (an environment variable, a parameter).
const unknown = "\x00"

// assignments indexes, per variable, the expressions assigned to it in
// the package; a nil entry is an assignment whose value is not one
// expression (tuple assignment, range, ++, op-assign, address taken).
func (s *state) assignments() map[*types.Var][]ast.Expr {
	if s.assigns != nil {
		return s.assigns
	}
	s.assigns = map[*types.Var][]ast.Expr{}
	info := s.pass.TypesInfo
	add := func(lhs ast.Expr, rhs ast.Expr) {
		id, ok := ast.Unparen(lhs).(*ast.Ident)
		if !ok {
			return
		}
		obj := info.Defs[id]
		if obj == nil {
			obj = info.Uses[id]
		}
		if v, ok := obj.(*types.Var); ok {
			s.assigns[v] = append(s.assigns[v], rhs)
		}
	}
	for _, f := range s.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) && len(n.Lhs) == len(n.Rhs) {
					for i := range n.Lhs {
						add(n.Lhs[i], n.Rhs[i])
					}
				} else if call, ok := n.Rhs[0].(*ast.CallExpr); ok && len(n.Rhs) == 1 && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) {
					// v, err := f(…): v is f's first result; tracing a
					// key through it follows f's arguments.
					add(n.Lhs[0], call)
					for _, l := range n.Lhs[1:] {
						add(l, nil)
					}
				} else {
					for _, l := range n.Lhs {
						add(l, nil)
					}
				}
			case *ast.ValueSpec:
				if len(n.Values) == len(n.Names) {
					for i := range n.Names {
						add(n.Names[i], n.Values[i])
					}
				} else {
					for _, id := range n.Names {
						add(id, nil)
					}
				}
			case *ast.RangeStmt:
				if n.Key != nil {
					add(n.Key, nil)
				}
				if n.Value != nil {
					add(n.Value, nil)
				}
			case *ast.IncDecStmt:
				add(n.X, nil)
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					add(n.X, nil)
				}
			}
			return true
		})
	}
	return s.assigns
}

// single returns the one expression ever assigned to v, if any.
func (s *state) single(v *types.Var) ast.Expr {
	list := s.assignments()[v]
	if len(list) != 1 {
		return nil
	}
	return list[0]
}

// str resolves a string expression through constants, variables
// assigned once, concatenation and fmt.Sprintf; unresolved parts become
// the unknown marker.
func (s *state) str(e ast.Expr, depth int) string {
	if depth > 8 || e == nil {
		return unknown
	}
	info := s.pass.TypesInfo
	e = ast.Unparen(e)
	if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value)
	}
	switch e := e.(type) {
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			return s.str(e.X, depth+1) + s.str(e.Y, depth+1)
		}
	case *ast.Ident:
		if v, ok := info.Uses[e].(*types.Var); ok {
			if rhs := s.single(v); rhs != nil {
				return s.str(rhs, depth+1)
			}
		}
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(info, e).(*types.Func)
		if fn == nil {
			break
		}
		switch fn.FullName() {
		case "fmt.Sprintf":
			if len(e.Args) > 0 && !e.Ellipsis.IsValid() {
				return s.sprintf(s.str(e.Args[0], depth+1), e.Args[1:], depth)
			}
		case "strings.TrimSuffix", "strings.TrimRight", "strings.TrimSpace":
			if len(e.Args) > 0 {
				return s.str(e.Args[0], depth+1)
			}
		}
	}
	return unknown
}

// sprintf substitutes the verbs of a resolved format.
func (s *state) sprintf(format string, args []ast.Expr, depth int) string {
	var b strings.Builder
	argi := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.[]*", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			b.WriteString(unknown)
			break
		}
		if format[j] == '%' {
			b.WriteByte('%')
		} else if argi < len(args) {
			b.WriteString(s.str(args[argi], depth+1))
			argi++
		} else {
			b.WriteString(unknown)
		}
		i = j
	}
	return b.String()
}

// constString returns e's value when it is fully known.
func (s *state) constString(e ast.Expr) (string, bool) {
	v := s.str(e, 0)
	if strings.Contains(v, unknown) {
		return "", false
	}
	return v, true
}

// azureHostSuffixes are the Azure AI endpoints an openai-go base URL may
// point at (public and sovereign clouds).
var azureHostSuffixes = []string{
	".openai.azure.com",
	".cognitiveservices.azure.com",
	".services.ai.azure.com",
	".api.cognitive.microsoft.com",
	".openai.azure.us",
	".cognitiveservices.azure.us",
	".openai.azure.cn",
	".cognitiveservices.azure.cn",
}

// urlInfo is what a resolved base URL tells about its target.
type urlInfo struct {
	azure bool // host is an Azure AI endpoint
	v1    bool // path is the Azure /openai/v1 route
}

func parseURL(u string) urlInfo {
	rest := u
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	}
	host, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		host, path = rest[:i], rest[i:]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.Contains(host[i:], unknown) {
		host = host[:i]
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	var info urlInfo
	for _, suf := range azureHostSuffixes {
		if strings.HasSuffix(host, suf) && len(host) > len(suf) {
			info.azure = true
		}
	}
	info.v1 = strings.Contains(strings.ToLower(path), "/openai/v1")
	return info
}
