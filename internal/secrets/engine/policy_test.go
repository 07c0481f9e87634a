package engine

import (
	"slices"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/rules"
)

// The rules the engine runs, in its priority order, are the catalog's
// secret policy (rules.SecretSection.Running), and the catalog documents
// exactly those: the analyzer, the history pass (built from Rules()) and
// SARIF/explain cannot disagree on which rules exist.
func TestEngineRunsTheCatalogPolicy(t *testing.T) {
	cat := rules.Default()
	e, err := New(cat)
	if err != nil {
		t.Fatal(err)
	}
	var policy, running []string
	for _, r := range cat.Secrets.Running() {
		policy = append(policy, r.ID)
	}
	for _, r := range e.Rules() {
		running = append(running, r.ID)
	}
	if !slices.Equal(policy, running) {
		t.Fatalf("engine runs %d rules, the catalog's policy lists %d:\n engine %v\n policy %v", len(running), len(policy), running, policy)
	}
	if len(running) < 200 || running[len(running)-1] != "generic-api-key" {
		t.Errorf("gitleaks' table missing or generic-api-key not last: %d rules, last %q", len(running), running[len(running)-1])
	}
	for _, r := range cat.Secrets.Rules {
		for _, id := range r.Supersedes {
			if slices.Contains(running, id) {
				t.Errorf("%s supersedes %s, which still runs", r.ID, id)
			}
		}
	}
	documented := map[string]bool{}
	for _, d := range cat.Docs() {
		if id, ok := strings.CutPrefix(d.ID, "history/"); ok {
			documented[id] = true
		}
	}
	for _, id := range running {
		if !documented[id] {
			t.Errorf("%s runs but history/%s is not documented", id, id)
		}
		delete(documented, id)
	}
	for id := range documented {
		t.Errorf("history/%s is documented but never runs", id)
	}
}
