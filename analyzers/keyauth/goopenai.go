package keyauth

import (
	"go/ast"
	"go/constant"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/keyless-dev/keyless/internal/rules"
)

// go-openai selects its auth mode by a ClientConfig's APIType: one client
// construction mentions several mode constants (a switch over a
// configuration string, a DefaultAzureConfig then a field assignment), and
// some modes are keyless. One construction is one finding:
//
//   - DefaultAzureConfig(token, url) whose config only ever gets APIType
//     = APITypeAzureAD is an Entra token, not a key: not reported;
//   - the key-based mode constants (APITypeAzure, APITypeCloudflareAzure)
//     mentioned in one function are one finding, at the function's
//     DefaultAzureConfig or NewClientWithConfig call when there is one
//     (naming the modes), else at the first mention;
//   - comparisons (==, case) are not mentions (see valuePosition).
const (
	goOpenAIPkg         = "github.com/sashabaranov/go-openai"
	goOpenAIDefaultAz   = goOpenAIPkg + ".DefaultAzureConfig"
	goOpenAINewWithConf = goOpenAIPkg + ".NewClientWithConfig"
	goOpenAIKeyless     = goOpenAIPkg + ".APITypeAzureAD"
)

// dropGoOpenAIEntra removes the DefaultAzureConfig calls whose config is
// set to APITypeAzureAD only: they are not key auth, and a function
// passing its parameter there is no key wrapper.
func (s *state) dropGoOpenAIEntra() {
	out := s.findings[:0]
	for _, f := range s.findings {
		if f.fn != nil && f.call != nil && f.fn.FullName() == goOpenAIDefaultAz && s.azureADOnly(f) {
			continue
		}
		out = append(out, f)
	}
	s.findings = out
}

// oneGoOpenAIFinding applies the other rules above to s.findings.
func (s *state) oneGoOpenAIFinding() {
	modes := map[ast.Node][]*finding{}   // key-based mode constants per function
	configs := map[ast.Node][]*finding{} // DefaultAzureConfig calls per function
	for _, f := range s.findings {
		if f.consumed || !isGoOpenAIRule(f.rule) {
			continue
		}
		switch {
		case f.fn != nil && f.fn.FullName() == goOpenAIDefaultAz && f.call != nil:
			configs[enclosingNode(f)] = append(configs[enclosingNode(f)], f)
		case f.fn == nil && f.call == nil && f.what != "":
			modes[enclosingNode(f)] = append(modes[enclosingNode(f)], f)
		}
	}
	for fn, ms := range modes {
		names := modeNames(ms)
		if cs := configs[fn]; len(cs) > 0 {
			for _, m := range ms {
				m.consumed = true
			}
			cs[0].modes = names
			continue
		}
		if call := s.newClientWithConfig(fn); call != nil {
			for _, m := range ms[1:] {
				m.consumed = true
			}
			first := ms[0]
			first.node, first.call = call, call
			first.fn, _ = typeutil.Callee(s.pass.TypesInfo, call).(*types.Func)
			first.modes = names
			continue
		}
		for _, m := range ms[1:] {
			m.consumed = true
		}
	}
}

// isGoOpenAIRule reports a rule whose funcs or objects are go-openai's.
func isGoOpenAIRule(r *rules.KeyAuthRule) bool {
	for _, o := range append(append([]string{}, r.Objects...), r.Funcs...) {
		if strings.HasPrefix(o, goOpenAIPkg+".") {
			return true
		}
	}
	return false
}

// enclosingNode is the function declaration holding f, or its file for
// package-level code.
func enclosingNode(f *finding) ast.Node {
	if f.decl != nil {
		return f.decl
	}
	return f.file
}

// modeNames lists the distinct mode constants of ms, sorted.
func modeNames(ms []*finding) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range ms {
		if !seen[m.what] {
			seen[m.what] = true
			out = append(out, m.what)
		}
	}
	sort.Strings(out)
	return out
}

// azureADOnly reports whether the config DefaultAzureConfig returns is
// held in a variable whose APIType is set, and only ever set, to
// APITypeAzureAD: its first argument is then an Entra token.
func (s *state) azureADOnly(f *finding) bool {
	var lhs *ast.Ident
	switch p := f.parent.(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && ast.Unparen(p.Rhs[0]) == ast.Expr(f.call) {
			lhs, _ = p.Lhs[0].(*ast.Ident)
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && ast.Unparen(p.Values[0]) == ast.Expr(f.call) {
			lhs = p.Names[0]
		}
	}
	if lhs == nil {
		return false
	}
	v, _ := s.pass.TypesInfo.ObjectOf(lhs).(*types.Var)
	if v == nil {
		return false
	}
	sets := s.values().Index.FieldValues(v, "APIType")
	for _, e := range sets {
		if e == nil || !s.isAzureAD(e) {
			return false
		}
	}
	return len(sets) > 0
}

// isAzureAD reports whether e holds go-openai's APITypeAzureAD: its
// value (followed through variables, conversions and helpers) is the
// constant's.
func (s *state) isAzureAD(e ast.Expr) bool {
	want, ok := s.goOpenAIConst(goOpenAIKeyless)
	if !ok {
		return false
	}
	got, ok := s.values().String(e, nil).Known()
	return ok && got == want
}

// goOpenAIConst is the value of a go-openai string constant by full name.
func (s *state) goOpenAIConst(full string) (string, bool) {
	for _, imp := range s.pass.Pkg.Imports() {
		if imp.Path() != goOpenAIPkg {
			continue
		}
		c, _ := imp.Scope().Lookup(strings.TrimPrefix(full, goOpenAIPkg+".")).(*types.Const)
		if c == nil || c.Val().Kind() != constant.String {
			return "", false
		}
		return constant.StringVal(c.Val()), true
	}
	return "", false
}

// newClientWithConfig is the first go-openai NewClientWithConfig call in
// fn, or nil.
func (s *state) newClientWithConfig(fn ast.Node) *ast.CallExpr {
	var found *ast.CallExpr
	ast.Inspect(fn, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		if call, ok := n.(*ast.CallExpr); ok {
			if f, ok := typeutil.Callee(s.pass.TypesInfo, call).(*types.Func); ok && f.FullName() == goOpenAINewWithConf {
				found = call
			}
		}
		return true
	})
	return found
}
