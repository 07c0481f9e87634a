package infra

import (
	"strings"

	"github.com/keyless-dev/keyless/analyzers"
)

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
