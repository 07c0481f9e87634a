package analyzers_test

import (
	"testing"

	"github.com/keyless-dev/keyless/analyzers"
)

// FactScope is keyauth's, and the driver adds first-party packages (main
// modules) for broadrole's role values. If another analyzer declares
// facts, FactScope or the driver must cover where its facts arise too, or
// the lint driver would skip the function bodies they come from.
func TestFactAnalyzersAreScoped(t *testing.T) {
	scoped := map[string]bool{"keyauth": true, "broadrole": true}
	for _, d := range analyzers.All {
		a := d.New(analyzers.Options{})
		if len(a.FactTypes) > 0 && !scoped[d.Name] {
			t.Errorf("analyzer %s declares facts: extend analyzers.FactScope to cover them", d.Name)
		}
	}
}
