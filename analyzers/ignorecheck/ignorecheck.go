package ignorecheck

import (
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/keyless-dev/keyless/analyzers/internal/ignore"
	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
	"github.com/keyless-dev/keyless/internal/rules"
)

// Rule ids reported by this analyzer (documented in rules.yaml checks:).
const (
	MissingReason = "ignore/missing-reason"
	UnknownRule   = "ignore/unknown-rule"
)

// Analyzer checks ignore comments against the embedded rule catalog.
var Analyzer = New(lintutil.Options{})

// New returns an ignorecheck analyzer that knows the rules of
// opts.Catalog.
func New(opts lintutil.Options) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "ignorecheck",
		Doc:  lintutil.MustExtractDoc(doc, "ignorecheck"),
		URL:  "https://pkg.go.dev/github.com/keyless-dev/keyless/analyzers/ignorecheck",
		Run:  func(pass *analysis.Pass) (any, error) { return run(pass, opts) },
	}
}

func run(pass *analysis.Pass, opts lintutil.Options) (any, error) {
	cat := opts.CatalogOf()
	rep := lintutil.NewReporter(pass, opts)
	for _, f := range pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				d, ok := ignore.Parse(c.Text)
				if !ok {
					continue
				}
				check(rep, cat, d, c.Pos(), c.End())
			}
		}
	}
	return nil, nil
}

func check(rep *lintutil.Reporter, cat *rules.Catalog, d ignore.Directive, pos, end token.Pos) {
	switch {
	case d.RuleID == "":
		rep.Report(UnknownRule, analysis.Diagnostic{Pos: pos, End: end,
			Message: `keyless:ignore names no rule; write "//keyless:ignore <rule-id> -- <reason>" with an id from "keyless rules"`})
	case !cat.Known(d.RuleID):
		msg := fmt.Sprintf("keyless:ignore names unknown rule %q, so it suppresses nothing", d.RuleID)
		if near := closest(cat, d.RuleID); near != "" {
			msg += "; did you mean " + near + "?"
		} else {
			msg += `; see "keyless rules"`
		}
		rep.Report(UnknownRule, analysis.Diagnostic{Pos: pos, End: end, Message: msg})
	}
	if d.Reason == "" {
		id := d.RuleID
		if id == "" {
			id = "<rule-id>"
		}
		rep.Report(MissingReason, analysis.Diagnostic{Pos: pos, End: end,
			Message: fmt.Sprintf(`keyless:ignore has no reason, so it suppresses nothing; write "//keyless:ignore %s -- <why this is acceptable>"`, id)})
	}
}

// closest suggests known rule ids for an unknown id: the ids it is a
// prefix of (a truncated id; up to three), else the nearest id by edit
// distance if it is near enough to be a typo, else "".
func closest(cat *rules.Catalog, id string) string {
	var prefixed []string
	best, bestDist := "", max(3, len(id)/4)+1
	for _, d := range cat.Docs() {
		if strings.HasPrefix(d.ID, id) {
			prefixed = append(prefixed, fmt.Sprintf("%q", d.ID))
		}
		if dist := distance(id, d.ID); dist < bestDist {
			best, bestDist = d.ID, dist
		}
	}
	switch {
	case len(prefixed) == 1:
		return prefixed[0]
	case len(prefixed) > 1:
		if len(prefixed) > 3 {
			prefixed = append(prefixed[:3], "…")
		}
		return "one of " + strings.Join(prefixed, ", ")
	case best != "":
		return fmt.Sprintf("%q", best)
	}
	return ""
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Closest suggests a known rule id for an unknown one (as the
// ignore/unknown-rule message does); keyless infra uses it for ignore
// comments in templates.
func Closest(cat *rules.Catalog, id string) string { return closest(cat, id) }
