package hardcodedsecret

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/keyless-dev/keyless/analyzers/internal/constval"
)

// values follows string values of one package with the shared resolver,
// built on first use: most packages hold no secret and never need it.
type values struct {
	pass *analysis.Pass
	res  *constval.Resolver
	// reported holds the start of every expression reported so far: a
	// constant reported where it is written is not reported again where
	// it is used as a key.
	reported map[token.Pos]bool
	byFile   map[*token.File]*checker // nil entry: allowlisted file
}

// checkerFor is the checker of the file holding n, nil when the file is
// allowlisted.
func (v *values) checkerFor(n ast.Node) *checker {
	return v.byFile[v.pass.Fset.File(n.Pos())]
}

func (v *values) resolver() *constval.Resolver {
	if v.res == nil {
		v.res = constval.NewResolver(constval.NewIndex(v.pass.Pkg, v.pass.TypesInfo, v.pass.Files))
	}
	return v.res
}

// writtenIn reports whether the secret at bytes [start, end) of
// constant expression e's value is written in e, rather than held whole
// by one named constant folded into it ("AZURE_OPENAI_KEY=" +
// fallbackKey): that constant's declaration is reported, and one secret
// is one finding. A secret split over several constants is reported
// where they are joined.
func (v *values) writtenIn(e ast.Expr, start, end int) bool {
	if _, ok := ast.Unparen(e).(*ast.BasicLit); ok {
		return true
	}
	val := v.resolver().String(e, nil)
	if s, ok := val.Known(); !ok || end > len(s) {
		return true // not followed: keep the finding
	}
	ps := val.Slice(start, end)
	if len(ps) != 1 || len(ps[0].Via) == 0 {
		return true
	}
	lit := ps[0].Lit
	return lit != nil && e.Pos() <= lit.Pos() && lit.End() <= e.End()
}
