// Package analyzers lists keyless's analyzers for the programs that drive
// them — `keyless lint`, `go vet -vettool=keyless`, the golangci-lint
// plugin — and re-exports what those drivers need from the shared helpers
// in analyzers/internal (which Go does not let code outside analyzers/
// import).
package analyzers

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/keyless-dev/keyless/analyzers/broadrole"
	"github.com/keyless-dev/keyless/analyzers/hardcodedsecret"
	"github.com/keyless-dev/keyless/analyzers/ignorecheck"
	"github.com/keyless-dev/keyless/analyzers/internal/ignore"
	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
	"github.com/keyless-dev/keyless/analyzers/keyauth"
	"github.com/keyless-dev/keyless/internal/rules"
)

// Options configure an analyzer instance (see lintutil.Options).
type Options = lintutil.Options

// Def names one analyzer and builds it from Options.
type Def struct {
	Name string
	New  func(Options) *analysis.Analyzer
}

// All is every keyless analyzer, in reporting order. Adding an analyzer
// is one line.
var All = []Def{
	{"keyauth", keyauth.New},
	{"hardcodedsecret", hardcodedsecret.New},
	{"broadrole", broadrole.New},
	{"ignorecheck", ignorecheck.New},
}

// Names lists the names of All.
func Names() []string {
	names := make([]string, len(All))
	for i, d := range All {
		names[i] = d.Name
	}
	return names
}

// IgnoreIndex holds the //keyless:ignore directives of one file.
type IgnoreIndex = ignore.Index

// FileIgnores collects the //keyless:ignore directives of f; its Match
// method finds the valid directive (rule id and reason) covering a line.
func FileIgnores(fset *token.FileSet, f *ast.File) IgnoreIndex { return ignore.FileIndex(fset, f) }

// StripRuleID removes the "rule-id: " prefix analyzers put on messages.
func StripRuleID(ruleID, msg string) string { return lintutil.StripRuleID(ruleID, msg) }

// Select returns the analyzers of All that enable and disable leave:
// enable, when not empty, is the exact set to run; disable then removes
// names from it. Unknown names, a name in both lists and an empty result
// are errors. The CLI's per-analyzer flags and the golangci-lint plugin's
// settings both select through it, so they cannot mean different things.
func Select(enable, disable []string) ([]Def, error) {
	known := Names()
	for _, list := range []struct {
		key   string
		names []string
	}{{"enable", enable}, {"disable", disable}} {
		for _, n := range list.names {
			if !slices.Contains(known, n) {
				return nil, fmt.Errorf("%s: unknown analyzer %q (known: %s)", list.key, n, strings.Join(known, ", "))
			}
		}
	}
	for _, n := range enable {
		if slices.Contains(disable, n) {
			return nil, fmt.Errorf("analyzer %q is both enabled and disabled", n)
		}
	}
	var run []Def
	for _, a := range All {
		if len(enable) > 0 && !slices.Contains(enable, a.Name) || slices.Contains(disable, a.Name) {
			continue
		}
		run = append(run, a)
	}
	if len(run) == 0 {
		return nil, ErrNoAnalyzers
	}
	return run, nil
}

// ErrNoAnalyzers is Select's error when every analyzer is disabled.
var ErrNoAnalyzers = errors.New("every analyzer is disabled")

// FactScope names the third-party packages through which keyless
// analyzers' facts can arise (keyauth's cataloged packages): drivers
// type-check a dependency that imports none of them, directly or not,
// without function bodies, unless it is first-party code (a main
// module's package), where broadrole's role values also arise. Role
// values chosen in third-party code outside that scope are not followed.
func FactScope(cat *rules.Catalog) func(pkgPath string) bool { return keyauth.FactScope(cat) }

// ParseIgnore parses one "//keyless:ignore <rule-id> -- <reason>" comment
// text; keyless infra uses it for the same comment in templates.
func ParseIgnore(text string) (ruleID, reason string, ok bool) {
	d, ok := ignore.Parse(text)
	return d.RuleID, d.Reason, ok
}
