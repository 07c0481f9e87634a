package ignore

import (
	"go/parser"
	"go/token"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		text         string
		ok           bool
		rule, reason string
	}{
		{"//keyless:ignore keyauth/x -- emulator only", true, "keyauth/x", "emulator only"},
		{"//keyless:ignore keyauth/x", true, "keyauth/x", ""},
		{"//keyless:ignore keyauth/x --   ", true, "keyauth/x", ""},
		{"//keyless:ignore -- why", true, "", "why"},
		{"//keyless:ignore keyauth/x because", true, "keyauth/x", ""},
		{"//keyless:ignoreall keyauth/x -- r", false, "", ""},
		{"// keyless:ignore keyauth/x -- r", false, "", ""},
		{"//nolint:keyless", false, "", ""},
	} {
		d, ok := Parse(tc.text)
		if ok != tc.ok || d.RuleID != tc.rule || d.Reason != tc.reason {
			t.Errorf("Parse(%q) = %+v, %v; want rule %q reason %q ok %v", tc.text, d, ok, tc.rule, tc.reason, tc.ok)
		}
	}
}

func TestMatchLineAndLineAbove(t *testing.T) {
	src := `package p

//keyless:ignore a/b -- reason one
var x = 1
var y = 2 //keyless:ignore a/c -- reason two
//keyless:ignore a/d
var z = 3
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	idx := FileIndex(fset, f)
	if _, ok := idx.Match(4, "a/b"); !ok {
		t.Error("directive on the line above not matched")
	}
	if _, ok := idx.Match(5, "a/c"); !ok {
		t.Error("directive on the same line not matched")
	}
	if _, ok := idx.Match(4, "a/c"); ok {
		t.Error("directive matched a different rule")
	}
	if _, ok := idx.Match(7, "a/d"); ok {
		t.Error("directive without a reason must not suppress")
	}
	if _, ok := idx.Match(6, "a/b"); ok {
		t.Error("directive matched two lines below")
	}
}
