// Package analyzers lists keyless's analyzers for the programs that drive
// them — `keyless lint`, `go vet -vettool=keyless`, the golangci-lint
// plugin — and re-exports what those drivers need from the shared helpers
// in analyzers/internal (which Go does not let code outside analyzers/
// import).
package analyzers

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/keyless-dev/keyless/analyzers/broadrole"
	"github.com/keyless-dev/keyless/analyzers/hardcodedsecret"
	"github.com/keyless-dev/keyless/analyzers/ignorecheck"
	"github.com/keyless-dev/keyless/analyzers/internal/ignore"
	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
	"github.com/keyless-dev/keyless/analyzers/keyauth"
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

// ParseIgnore parses one "//keyless:ignore <rule-id> -- <reason>" comment
// text; keyless infra uses it for the same comment in templates.
func ParseIgnore(text string) (ruleID, reason string, ok bool) {
	d, ok := ignore.Parse(text)
	return d.RuleID, d.Reason, ok
}
