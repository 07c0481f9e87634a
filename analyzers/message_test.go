package analyzers_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/keyless-dev/keyless/analyzers"
	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
	"github.com/keyless-dev/keyless/internal/rules"
)

// TestMessagesShort runs every analyzer on every package of the
// analyzers' testdata and on the generated secret corpus (every key
// format) and checks that each diagnostic message is one line of at
// most lintutil.MaxMessage characters, rule id included, that says each
// thing once. The analyzers' own TestMessagesShort walk their message
// builders over the whole catalog; this one catches a message built
// anywhere else.
func TestMessagesShort(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and analyzes many packages")
	}
	var pkgs []*packages.Package
	for _, a := range []string{"broadrole", "ignorecheck", "keyauth", "hardcodedsecret"} {
		pkgs = append(pkgs, gopathPackages(t, a)...)
	}
	pkgs = append(pkgs, generatedModule(t, 1)...)
	cat := rules.Default()
	var as []*analysis.Analyzer
	for _, d := range analyzers.All {
		as = append(as, d.New(analyzers.Options{Catalog: cat, KeepSuppressed: true}))
	}
	g, err := checker.Analyze(as, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	per := map[string]int{}
	for _, act := range g.Roots {
		for _, d := range act.Diagnostics {
			per[act.Analyzer.Name]++
			if seen[d.Message] {
				continue
			}
			seen[d.Message] = true
			if err := lintutil.CheckMessage(d.Message); err != nil {
				t.Errorf("%s: %v:\n\t%s", act.Package.Fset.Position(d.Pos), err, d.Message)
			}
		}
	}
	for _, d := range analyzers.All {
		if per[d.Name] == 0 {
			t.Errorf("analyzer %s reported nothing: the packages do not exercise it", d.Name)
		}
	}
	t.Logf("%d distinct messages checked %v", len(seen), per)
}
