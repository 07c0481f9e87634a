package ignore

import (
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"//keyless:ignore keyauth/x -- reason",
		"//keyless:ignore",
		"//keyless:ignore -- ",
		"//keyless:ignore\tkeyauth/x--r",
		"//keyless:ignorex",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d, ok := Parse(text)
		if !ok {
			if d != (Directive{}) {
				t.Fatalf("non-directive returned fields: %+v", d)
			}
			return
		}
		if !strings.HasPrefix(text, Prefix) {
			t.Fatalf("accepted %q without the prefix", text)
		}
		if strings.ContainsAny(d.RuleID, " \t") || d.Reason != strings.TrimSpace(d.Reason) {
			t.Fatalf("untrimmed fields: %+v", d)
		}
	})
}
