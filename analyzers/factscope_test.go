package analyzers_test

import (
	"testing"

	"github.com/keyless-dev/keyless/analyzers"
)

// FactScope is keyauth's: if another analyzer declares facts, FactScope
// must cover where its facts arise too, or the lint driver would skip
// the function bodies they come from.
func TestOnlyKeyauthHasFacts(t *testing.T) {
	for _, d := range analyzers.All {
		a := d.New(analyzers.Options{})
		if len(a.FactTypes) > 0 && d.Name != "keyauth" {
			t.Errorf("analyzer %s declares facts: extend analyzers.FactScope to cover them", d.Name)
		}
	}
}
