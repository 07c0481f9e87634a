package hardcodedsecret

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/keyless-dev/keyless/analyzers/internal/constval"
	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/secrets/engine"
)

// Remedy is the few words every finding ends with; how to rotate each
// kind of secret is in the rule's docs (`keyless explain`, SARIF help).
const Remedy = "rotate it and use DefaultAzureCredential or Key Vault"

// Analyzer checks string constants against the embedded rule catalog.
var Analyzer = New(lintutil.Options{})

// New returns a hardcodedsecret analyzer for opts.Catalog. The secret
// engine is built on first use and shared by every analyzer of the same
// catalog.
func New(opts lintutil.Options) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "hardcodedsecret",
		Doc:      lintutil.MustExtractDoc(doc, "hardcodedsecret"),
		URL:      "https://pkg.go.dev/github.com/keyless-dev/keyless/analyzers/hardcodedsecret",
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run:      func(pass *analysis.Pass) (any, error) { return run(pass, opts) },
	}
}

// setup is what one catalog needs: the engine and the key arguments of
// the keyauth catalog, built once.
type setup struct {
	eng     *engine.Engine
	keyArgs map[string]keyArg // full func name -> key argument
	err     error
}

type keyArg struct {
	index  int    // -1: any argument (credential constructors)
	any    bool   // every string argument may be the key
	secret string // the value rule a key here is reported under ("": any)
}

var setups sync.Map // *rules.Catalog -> *setupOnce

type setupOnce struct {
	once sync.Once
	s    setup
}

func setupFor(cat *rules.Catalog) *setup {
	v, _ := setups.LoadOrStore(cat, &setupOnce{})
	so := v.(*setupOnce)
	so.once.Do(func() {
		so.s.eng, so.s.err = engine.New(cat)
		so.s.keyArgs = map[string]keyArg{}
		for i := range cat.KeyAuth {
			r := &cat.KeyAuth[i]
			for _, f := range r.Funcs {
				if k := r.KeyIndex(f); k >= 0 {
					so.s.keyArgs[f] = keyArg{index: k, secret: r.KeySecret}
				}
			}
			for _, f := range append(append([]string{}, r.Credentials...), r.HeaderFuncs...) {
				so.s.keyArgs[f] = keyArg{index: -1, any: true, secret: r.KeySecret}
			}
		}
	})
	return &so.s
}

func run(pass *analysis.Pass, opts lintutil.Options) (any, error) {
	s := setupFor(opts.CatalogOf())
	if s.err != nil {
		return nil, s.err
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	rep := lintutil.NewReporter(pass, opts)
	vals := &values{pass: pass, reported: map[token.Pos]bool{}, byFile: map[*token.File]*checker{}}
	checkers := map[*ast.File]*checker{}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.Pos())
		if tf == nil || s.eng.PathAllowed(tf.Name()) {
			continue
		}
		checkers[f] = &checker{pass: pass, s: s, rep: rep, file: f, vals: vals,
			test: strings.HasSuffix(tf.Name(), "_test.go"), path: tf.Name()}
	}
	markAzureFiles(pass, insp, checkers)
	for f, c := range checkers {
		vals.byFile[pass.Fset.File(f.Pos())] = c
	}

	// Visit every maximal constant string expression with the stack of
	// its ancestors. References to named constants are skipped: a
	// constant is reported where it is declared, not at every use.
	insp.WithStack(nil, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		c := checkers[stack[0].(*ast.File)]
		if c == nil {
			return false // allowlisted file
		}
		e, ok := n.(ast.Expr)
		if !ok {
			return true
		}
		v, ok := constval.ConstString(pass.TypesInfo, e)
		if !ok {
			return true
		}
		switch e.(type) {
		case *ast.Ident, *ast.SelectorExpr:
		default:
			c.check(e, v, stack[:len(stack)-1])
		}
		return false
	})
	checkSinks(pass, insp, s, vals)
	return nil, nil
}

type checker struct {
	pass  *analysis.Pass
	vals  *values
	s     *setup
	rep   *lintutil.Reporter
	file  *ast.File
	path  string
	test  bool
	azure bool // the file names an Azure AI endpoint
}

// minValue: shorter strings hold no secret any rule knows.
const minValue = 8

// MaxValue: longer string constants are data (embedded assets, generated
// tables), not secrets someone typed, and are not scanned: the engine's
// cost is linear but steep on keyword-dense text (about a second per MB),
// and one generated file must not stall a lint run. `keyless history`
// still scans such files (up to its -max-target-megabytes).
const MaxValue = 1 << 20

func (c *checker) check(e ast.Expr, v string, stack []ast.Node) {
	if len(v) < minValue || len(v) > MaxValue {
		return
	}
	ctx := c.context(e, stack)
	if ctx.regexSource || looksLikeRegex(v) {
		return
	}
	eng := c.s.eng
	// A value that is a key only in context (32 hex digits, 88 base64
	// characters) is one value, one secret: the contextual rule decides.
	if ms := eng.ScanValue(engine.Value{Text: v, Name: ctx.name, KeyArg: ctx.keyArg, Rule: ctx.keyRule, AzureFile: c.azure}); len(ms) > 0 {
		for _, m := range ms {
			c.report(e, v, m)
		}
		return
	}
	text, off := v, 0
	if name := ctx.short; name != "" && !strings.ContainsAny(name, "\n\"") {
		// Give gitleaks' semi-generic rules ("slack… = '…'") the name
		// they look for, as they would see it in the file.
		prefix := name + ` = "`
		text, off = prefix+v+`"`, len(prefix)
	}
	for _, m := range eng.ScanSource(c.path, text) {
		if m.Start < off || m.End > off+len(v) {
			continue // the secret must lie in the value, not the name
		}
		if ctx.hashContext && eng.IsGitleaksRule(m.RuleID) {
			continue
		}
		m.Start -= off
		m.End -= off
		c.report(e, v, m)
	}
}

func (c *checker) report(e ast.Expr, v string, m engine.Match) {
	if !c.vals.writtenIn(e, m.Start, m.End) {
		return // a named constant folded in: reported where it is declared
	}
	c.emit(e, v, m)
}

// emit reports secret m of value v at e.
func (c *checker) emit(e ast.Expr, v string, m engine.Match) {
	c.vals.reported[e.Pos()] = true
	id := "hardcodedsecret/" + m.RuleID
	if c.test {
		id += rules.TestSuffix
	}
	pos, end := secretRange(e, v, m)
	c.rep.Report(id, analysis.Diagnostic{
		Pos: pos, End: end,
		Message: message(c.s.eng.Kind(m), engine.Redact(m.Secret)),
	})
}

// message is the one-line finding for a secret of kind, redacted.
func message(kind, redacted string) string {
	return kind + " " + redacted + " is in source; " + Remedy
}

// secretRange is the source range of the secret when the expression is a
// literal spelled exactly as its value (a raw string, or an interpreted one
// without escapes before the secret), else the whole expression.
func secretRange(e ast.Expr, v string, m engine.Match) (token.Pos, token.Pos) {
	lit, ok := ast.Unparen(e).(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING || len(lit.Value) < 2 {
		return e.Pos(), e.End()
	}
	body := lit.Value[1 : len(lit.Value)-1]
	if lit.Value[0] == '"' {
		if u, err := strconv.Unquote(lit.Value); err != nil || u != body {
			return e.Pos(), e.End()
		}
	} else if strings.Contains(body, "\r") {
		return e.Pos(), e.End()
	}
	if body != v {
		return e.Pos(), e.End()
	}
	return lit.Pos() + 1 + token.Pos(m.Start), lit.Pos() + 1 + token.Pos(m.End)
}
