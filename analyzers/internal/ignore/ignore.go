// Package ignore parses keyless suppression comments:
//
//	//keyless:ignore <rule-id> -- <reason>
//
// on the line of a finding or the line above it. The rule id is required
// (an ignore is tied to one rule, never a blanket) and so is the reason,
// so that every suppression can be reviewed.
package ignore

import (
	"go/ast"
	"go/token"
	"strings"
)

// Prefix starts every keyless suppression comment.
const Prefix = "//keyless:ignore"

// Directive is one parsed suppression comment.
type Directive struct {
	Pos    token.Pos // the comment
	Line   int       // the comment's line
	RuleID string    // "" when missing
	Reason string    // "" when missing
}

// Parse parses one comment's text; ok is false when it is not a keyless
// ignore comment at all.
func Parse(text string) (d Directive, ok bool) {
	rest, found := strings.CutPrefix(text, Prefix)
	if !found || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return Directive{}, false
	}
	ids, reason, _ := strings.Cut(rest, "--")
	d.RuleID = strings.TrimSpace(ids)
	if f := strings.Fields(d.RuleID); len(f) > 1 {
		// Only the first word is the id; the rest is a malformed reason.
		d.RuleID = f[0]
	}
	d.Reason = strings.TrimSpace(reason)
	return d, true
}

// Index holds the directives of one file by line.
type Index map[int][]Directive

// FileIndex collects the directives of f.
func FileIndex(fset *token.FileSet, f *ast.File) Index {
	idx := Index{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			d, ok := Parse(c.Text)
			if !ok {
				continue
			}
			d.Pos = c.Pos()
			d.Line = fset.Position(c.Pos()).Line
			idx[d.Line] = append(idx[d.Line], d)
		}
	}
	return idx
}

// Match returns the valid directive (id and reason present) for ruleID on
// line or the line above it.
func (idx Index) Match(line int, ruleID string) (Directive, bool) {
	for _, l := range [2]int{line, line - 1} {
		for _, d := range idx[l] {
			if d.RuleID == ruleID && d.Reason != "" {
				return d, true
			}
		}
	}
	return Directive{}, false
}
