package secrets

import (
	"fmt"
	"strings"
	"testing"

	"github.com/zricethezav/gitleaks/v8/detect"

	"github.com/keyless-dev/keyless/internal/secrets/corpus"
)

// Every format of the corpus, through both paths that share the engine's
// rules: the engine (hardcodedsecret) and gitleaks running GitleaksConfig
// with Validate (history). A valid key is found under the format's rule
// id, alone when the format can tell (a signature or a checksum) and in its
// context always; a key of the same shape with a broken checksum is found
// by no rule, alone or in context.
func TestFormats(t *testing.T) {
	e := newEngine(t)
	d := detect.NewDetector(e.GitleaksConfig())
	g := corpus.New(42)
	prio := map[string]int{}
	for i, r := range e.Rules() {
		prio[r.ID] = i
	}
	// As the history pass does: validated gitleaks findings, one per
	// secret, under the rule that comes first in the engine's order.
	history := func(text string) []Match {
		bySecret := map[string]Match{}
		for _, f := range d.DetectString(text) {
			if !e.Validate(f.RuleID, f.Secret) {
				continue
			}
			if m, ok := bySecret[f.Secret]; !ok || prio[f.RuleID] < prio[m.RuleID] {
				bySecret[f.Secret] = Match{RuleID: f.RuleID, Secret: f.Secret}
			}
		}
		var ms []Match
		for _, m := range bySecret {
			ms = append(ms, m)
		}
		return ms
	}
	paths := []struct {
		name string
		scan func(string) []Match
	}{{"engine", e.Scan}, {"gitleaks", history}}
	formats := corpus.Formats()
	if len(formats) != 75 {
		t.Errorf("%d formats, want 75", len(formats))
	}
	for _, f := range formats {
		if !e.Has(f.RuleID) {
			t.Errorf("%s: no rule %s", f.Name, f.RuleID)
			continue
		}
		for i := 0; i < 3; i++ {
			key := f.Key(g)
			bare := fmt.Sprintf("v%d = %q\n", i, key)
			inContext := fmt.Sprintf(f.Context, key)
			for _, p := range paths {
				ms := p.scan(bare)
				if f.Bare && !foundAs(ms, f.RuleID, key) {
					t.Errorf("%s: %s does not find %s alone: %s", f.Name, p.name, Redact(key), describe(ms))
				}
				if !f.Bare && len(ms) != 0 {
					t.Errorf("%s: %s reports a key alone that only context tells: %s", f.Name, p.name, describe(ms))
				}
				if ms := p.scan(inContext); !foundAs(ms, f.RuleID, key) {
					t.Errorf("%s: %s does not find %s in %q: %s", f.Name, p.name, Redact(key), strings.ReplaceAll(f.Context, "%s", "…"), describe(ms))
				}
			}
			if f.Decoy == nil {
				continue
			}
			decoy := f.Decoy(g)
			if len(decoy) != len(key) {
				t.Fatalf("%s: decoy of %d characters for a key of %d", f.Name, len(decoy), len(key))
			}
			for _, text := range []string{fmt.Sprintf("v%d = %q\n", i, decoy), fmt.Sprintf(f.Context, decoy)} {
				for _, p := range paths {
					if ms := p.scan(text); len(ms) != 0 {
						t.Errorf("%s: %s reports a broken-checksum key in %q: %s", f.Name, p.name, strings.ReplaceAll(text, decoy, "…"), describe(ms))
					}
				}
			}
		}
	}
}

func foundAs(ms []Match, ruleID, secret string) bool {
	return len(ms) == 1 && ms[0].RuleID == ruleID && ms[0].Secret == secret
}

func describe(ms []Match) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, m.RuleID+" "+Redact(m.Secret))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
