package infra

import (
	"fmt"
	"sort"
	"strings"

	"github.com/keyless-dev/keyless/analyzers"
	"github.com/keyless-dev/keyless/analyzers/ignorecheck"
)

// ignoreMarker is in every comment that directives can turn into a
// Directive.
const ignoreMarker = "keyless:ignore"

// directives parses keyless:ignore comments, written in the template's
// own comment syntax ("// keyless:ignore …" in Bicep and ARM, "#" or "//"
// in Terraform), with the grammar of the Go //keyless:ignore comment.
func directives(comments map[int]string) map[int][]Directive {
	idx := map[int][]Directive{}
	for line, text := range comments {
		if d, ok := parseDirective(text); ok {
			d.Line = line
			idx[line] = append(idx[line], d)
		}
	}
	return idx
}

func parseDirective(text string) (Directive, bool) {
	t := strings.TrimSpace(text)
	switch {
	case strings.HasPrefix(t, "//"):
		t = t[2:]
	case strings.HasPrefix(t, "#"):
		t = t[1:]
	case strings.HasPrefix(t, "/*"):
		t = strings.TrimSuffix(t[2:], "*/")
	default:
		return Directive{}, false
	}
	id, reason, ok := analyzers.ParseIgnore("//" + strings.TrimSpace(t))
	if !ok {
		return Directive{}, false
	}
	return Directive{RuleID: id, Reason: reason}, true
}

// Ignored returns the directive covering rule on line or the line above.
func (f *File) Ignored(line int, rule string) (Directive, bool) {
	for _, l := range [2]int{line, line - 1} {
		for _, d := range f.Ignores[l] {
			if d.RuleID == rule && d.Reason != "" {
				return d, true
			}
		}
	}
	return Directive{}, false
}

// checkIgnores reports malformed keyless:ignore comments of the templates
// under the rules the Go ignore comments use (ignore/unknown-rule,
// ignore/missing-reason): such a comment suppresses nothing.
func (c *checker) checkIgnores() {
	for _, f := range c.repo.Files {
		lines := make([]int, 0, len(f.Ignores))
		for l := range f.Ignores {
			lines = append(lines, l)
		}
		sort.Ints(lines)
		li := newLineIndex(f.Src)
		for _, l := range lines {
			for _, d := range f.Ignores[l] {
				if l-1 >= len(li) {
					continue
				}
				off := li[l-1]
				col := strings.Index(lineText(f.Src, off), "keyless:ignore")
				pos := li.pos(off + max(col, 0))
				switch {
				case d.RuleID == "":
					c.add(f, ignorecheck.UnknownRule, pos, Pos{}, "keyless:ignore names no rule; write \"keyless:ignore <rule-id> -- <reason>\" with an id from \"keyless rules\"", nil)
				case !c.cat.Known(d.RuleID):
					msg := fmt.Sprintf("keyless:ignore names unknown rule %q, so it suppresses nothing", d.RuleID)
					if near := ignorecheck.Closest(c.cat, d.RuleID); near != "" {
						msg += "; did you mean " + near + "?"
					}
					c.add(f, ignorecheck.UnknownRule, pos, Pos{}, msg, nil)
				}
				if d.Reason == "" {
					c.add(f, ignorecheck.MissingReason, pos, Pos{}, "keyless:ignore has no reason, so it suppresses nothing; add \" -- <why this is acceptable>\"", nil)
				}
			}
		}
	}
}
