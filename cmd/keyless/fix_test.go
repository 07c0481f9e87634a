package main

import (
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/report"
)

func TestConflicts(t *testing.T) {
	e := func(s, en int, text string) fixEdit { return fixEdit{file: "f", start: s, end: en, text: text} }
	for _, tc := range []struct {
		a, b fixEdit
		want bool
	}{
		{e(0, 5, "x"), e(5, 9, "y"), false},   // adjacent replacements
		{e(0, 5, "x"), e(4, 9, "y"), true},    // overlapping replacements
		{e(2, 3, "x"), e(0, 9, "y"), true},    // nested
		{e(3, 3, "x"), e(3, 3, "y"), true},    // two insertions at one point
		{e(3, 3, "x"), e(3, 6, "y"), false},   // insertion before a replacement
		{e(6, 6, "x"), e(3, 6, "y"), false},   // insertion after a replacement
		{e(4, 4, "x"), e(3, 6, "y"), true},    // insertion inside a replacement
		{e(3, 6, "y"), e(4, 4, "x"), true},    // same, other order
		{e(0, 1, "x"), e(10, 11, "y"), false}, // far apart
	} {
		if got := conflicts(tc.a, tc.b); got != tc.want {
			t.Errorf("conflicts(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

const fixSrc = `package p

import "strings"

func f() string {
	return strings.ToUpper("a") + strings.ToUpper("b")
}
`

// edit builds an Edit replacing the n-th (0-based) occurrence of old.
func edit(t *testing.T, src, old string, n int, newText string) report.Edit {
	t.Helper()
	off := -1
	for i, from := 0, 0; i <= n; i++ {
		j := strings.Index(src[from:], old)
		if j < 0 {
			t.Fatalf("occurrence %d of %q not found", n, old)
		}
		off = from + j
		from = off + len(old)
	}
	return report.Edit{Path: "p.go", Offset: off, EndOffset: off + len(old), NewText: newText}
}

func insertAt(off int, text string) report.Edit {
	return report.Edit{Path: "p.go", Offset: off, EndOffset: off, NewText: text}
}

func TestPlanFixes(t *testing.T) {
	importAt := strings.Index(fixSrc, `import "strings"`) + len(`import "strings"`)
	findings := []report.Finding{
		// 0: first call, plus an import edit every fix shares.
		{RuleID: "r/a", Fix: &report.Fix{Message: "lower a", Edits: []report.Edit{
			edit(t, fixSrc, "ToUpper", 0, "ToLower"), insertAt(importAt, "\nimport \"os\"")}}},
		// 1: second call, the identical import edit (taken once).
		{RuleID: "r/b", Fix: &report.Fix{Message: "lower b", Edits: []report.Edit{
			insertAt(importAt, "\nimport \"os\""), edit(t, fixSrc, "ToUpper", 1, "ToLower")}}},
		// 2: overlaps fix 0 with different text: refused whole (its
		// second edit must not be applied either).
		{RuleID: "r/c", Fix: &report.Fix{Message: "title a", Edits: []report.Edit{
			edit(t, fixSrc, "strings.ToUpper", 0, "strings.ToTitle"), edit(t, fixSrc, `"b"`, 0, `"c"`)}}},
		// 3: suppressed: never applied.
		{RuleID: "r/d", Suppression: &report.Suppression{Kind: "inSource", Justification: "ok"},
			Fix: &report.Fix{Message: "drop", Edits: []report.Edit{edit(t, fixSrc, `"a"`, 0, `"z"`)}}},
		// 4: no fix.
		{RuleID: "r/e"},
		// 5: uses os so the added import compiles.
		{RuleID: "r/f", Fix: &report.Fix{Message: "use os", Edits: []report.Edit{
			edit(t, fixSrc, "func f() string {", 0, "func f() string {\n\t_ = os.Args")}}},
	}
	read := func(string) ([]byte, error) { return []byte(fixSrc), nil }
	res := planFixes(findings, func(p string) string { return "/abs/" + p }, read)

	want := `package p

import "strings"
import "os"

func f() string {
	_ = os.Args
	return strings.ToLower("a") + strings.ToLower("b")
}
`
	if got := string(res.newContent["/abs/p.go"]); got != want {
		t.Errorf("fixed file:\n%s\nwant:\n%s", got, want)
	}
	for i, fixed := range []bool{true, true, false, false, false, true} {
		if res.fixed[i] != fixed {
			t.Errorf("finding %d fixed = %v, want %v", i, res.fixed[i], fixed)
		}
	}
	if !strings.Contains(res.refused[2], "overlaps the fix of another finding") {
		t.Errorf("refusal of finding 2: %q", res.refused[2])
	}
	if len(res.refused) != 1 {
		t.Errorf("refused %v, want only finding 2", res.refused)
	}
}

// A fix that would leave the file unparsable is refused and the file
// keeps the other fixes only if they alone parse.
func TestPlanFixesUnparsable(t *testing.T) {
	findings := []report.Finding{
		{RuleID: "r/a", Fix: &report.Fix{Message: "ok", Edits: []report.Edit{edit(t, fixSrc, "ToUpper", 0, "ToLower")}}},
		{RuleID: "r/b", Fix: &report.Fix{Message: "broken", Edits: []report.Edit{edit(t, fixSrc, "func f()", 0, "func f(")}}},
	}
	read := func(string) ([]byte, error) { return []byte(fixSrc), nil }
	res := planFixes(findings, func(p string) string { return p }, read)
	if !strings.Contains(res.refused[1], "would not parse") {
		t.Errorf("refusal of the broken fix: %q", res.refused[1])
	}
	// Both fixes touched the file, so both are refused and the file is
	// left alone: partial application of a file's plan is not attempted.
	if res.fixed[0] || res.fixed[1] || len(res.newContent) != 0 {
		t.Errorf("fixed %v, content %q", res.fixed, res.newContent)
	}
}

// Its own overlapping edits make a fix invalid.
func TestPlanFixesSelfOverlap(t *testing.T) {
	findings := []report.Finding{
		{RuleID: "r/a", Fix: &report.Fix{Message: "self", Edits: []report.Edit{
			edit(t, fixSrc, "strings.ToUpper", 0, "x"), edit(t, fixSrc, "ToUpper", 0, "y")}}},
	}
	res := planFixes(findings, func(p string) string { return p }, func(string) ([]byte, error) { return []byte(fixSrc), nil })
	if !strings.Contains(res.refused[0], "its own edits overlap") {
		t.Errorf("refusal %q", res.refused[0])
	}
}

func TestApplyEditsOrder(t *testing.T) {
	got, err := applyEdits([]byte("abcdef"), []fixEdit{
		{start: 2, end: 4, text: "XY"},
		{start: 2, end: 2, text: "<"},
		{start: 6, end: 6, text: "!"},
		{start: 0, end: 1, text: ""},
	})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "b<XYef!" {
		t.Errorf("applyEdits = %q", got)
	}
	if _, err := applyEdits([]byte("abc"), []fixEdit{{start: 1, end: 9}}); err == nil {
		t.Error("out-of-range edit accepted")
	}
}
