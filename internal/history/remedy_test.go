package history

import (
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/rules"
)

// Each finding's message ends with its rule's remedy from the catalog
// (rules.yaml `remedy:`, DefaultSecretRemedy for gitleaks' rules).
func TestMessagesCarryCatalogRemedy(t *testing.T) {
	fx := fixture(t)
	res := scan(t, Options{Dir: fx.Dir})
	cat := rules.Default()
	own := 0
	for _, f := range res.Findings {
		d, ok := cat.Lookup(f.RuleID)
		if !ok {
			t.Errorf("%s: not in the catalog", f.RuleID)
			continue
		}
		if !strings.Contains(f.Message, d.Remedy) {
			t.Errorf("%s: message does not carry the rule's remedy %q:\n%s", f.RuleID, d.Remedy, f.Message)
		}
		if d.Remedy != rules.DefaultSecretRemedy {
			own++
		}
	}
	if own == 0 {
		t.Error("no finding of a rule with its own remedy: the fixture no longer exercises rules.yaml's remedies")
	}
}
