package keyauth

import (
	"go/build"
	"go/types"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/keyless-dev/keyless/analyzers/internal/constval"
	"github.com/keyless-dev/keyless/analyzers/internal/fixedit"
	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
)

// New returns a keyauth analyzer using opts' catalog.
//
// The analyzer deliberately does not require inspect.Analyzer: facts
// make drivers run keyauth on every dependency package, and building an
// inspector there would cost a traversal of every package of the build
// (bench/lint budgets all analyzers at 10% over type checking). keyauth
// instead returns at once for packages that import no cataloged package
// and no package with wrapper facts, and builds its inspector only for
// the packages left.
func New(opts lintutil.Options) *analysis.Analyzer {
	var (
		once sync.Once
		cat  *catalog
	)
	return &analysis.Analyzer{
		Name: "keyauth",
		Doc:  lintutil.MustExtractDoc(doc, "keyauth"),
		URL:  "https://pkg.go.dev/github.com/keyless-dev/keyless/analyzers/keyauth",
		Run: func(pass *analysis.Pass) (any, error) {
			once.Do(func() { cat = compile(opts.CatalogOf()) })
			return run(pass, cat, opts)
		},
		FactTypes: []analysis.Fact{new(wrapperFact), new(wrapsFact), new(moduleFact)},
	}
}

// NoFixPrefix starts the related information that says why a finding
// has no suggested fix.
const NoFixPrefix = "no automatic fix: "

// Analyzer is keyauth with the embedded catalog.
var Analyzer = New(lintutil.Options{})

// state is one run of keyauth on one package.
type state struct {
	pass *analysis.Pass
	cat  *catalog
	opts lintutil.Options
	insp *inspector.Inspector

	factPkgs   map[*types.Package]bool // imports carrying wrapper facts
	findings   []*finding
	localCalls []localCall
	localFacts map[*types.Func]*wrapperFact

	uses   *fixedit.Uses
	vals   *constval.Resolver
	groups *optGroups
}

func run(pass *analysis.Pass, cat *catalog, opts lintutil.Options) (any, error) {
	s := &state{pass: pass, cat: cat, opts: opts, factPkgs: map[*types.Package]bool{}, localFacts: map[*types.Func]*wrapperFact{}}
	path := pass.Pkg.Path()
	if mod, ok := openAIModule(path); ok {
		s.exportModuleFact(mod)
		return nil, nil
	}
	if s.skip() || !s.relevant() {
		return nil, nil
	}
	s.insp = newInspector(pass.Files)
	s.collect()
	s.dropGoOpenAIEntra()
	s.resolve()
	s.exportFacts()
	s.oneGoOpenAIFinding()
	s.report()
	return nil, nil
}

// sdkPrefixes are the SDKs themselves: their own helpers wrap key APIs
// (and call their keyless siblings) by design, so they are neither
// reported nor given wrapper facts.
var sdkPrefixes = []string{
	"github.com/Azure/azure-sdk-for-go/",
	"github.com/Azure/go-autorest/",
	"github.com/sashabaranov/go-openai",
	"github.com/Microsoft/cognitive-services-speech-sdk-go",
}

var goroot = filepath.ToSlash(filepath.Clean(build.Default.GOROOT)) + "/src/"

// skip reports whether the package is an SDK, a cataloged package or
// part of the standard library.
func (s *state) skip() bool {
	path := s.pass.Pkg.Path()
	if s.cat.pkgs[path] {
		return true
	}
	for _, p := range sdkPrefixes {
		if strings.HasPrefix(path, p) || path == strings.TrimSuffix(p, "/") {
			return true
		}
	}
	if len(s.pass.Files) > 0 && build.Default.GOROOT != "" {
		name := filepath.ToSlash(s.pass.Fset.File(s.pass.Files[0].Pos()).Name())
		if strings.HasPrefix(name, goroot) {
			return true
		}
	}
	return false
}

// relevant reports whether the package imports a cataloged package or a
// package with wrapper facts; only then can it contain a finding.
func (s *state) relevant() bool {
	rel := false
	for _, imp := range s.pass.Pkg.Imports() {
		if s.cat.pkgs[imp.Path()] {
			rel = true
		}
		if s.pass.ImportPackageFact(imp, new(wrapsFact)) {
			s.factPkgs[imp] = true
			rel = true
		}
	}
	return rel
}

// report emits the findings that are not consumed by another one, with
// their fixes.
func (s *state) report() {
	var out []*finding
	for _, f := range s.findings {
		if !f.consumed {
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].node.Pos() < out[j].node.Pos() })
	// Fixes only for what will be reported: a suppressed or disabled
	// finding must not contribute edits.
	rep := lintutil.NewReporter(s.pass, s.opts)
	cat := s.opts.CatalogOf()
	var fixable []*finding
	for _, f := range out {
		id := f.rule.RuleID()
		if cat.Enabled(id) && !rep.Suppressed(f.node.Pos(), id) {
			fixable = append(fixable, f)
		}
	}
	fixes := s.planFixes(fixable)
	for _, f := range out {
		d := analysis.Diagnostic{
			Pos:     f.node.Pos(),
			End:     f.node.End(),
			Message: s.message(f),
		}
		if fix := fixes[f]; fix != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*fix}
		} else if f.noFix != "" {
			// Why there is no fix is a detail the one-line message
			// leaves out; editors and vet -json show it attached.
			d.Related = []analysis.RelatedInformation{{Pos: f.node.Pos(), End: f.node.End(), Message: NoFixPrefix + f.noFix}}
		}
		rep.Report(f.rule.RuleID(), d)
	}
}
