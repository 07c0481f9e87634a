package rules

import "sync"

// BaseSecret is a secret rule defined outside the catalog: one of gitleaks'
// default rules. The catalog stays a leaf package (it does not import the
// generated gitleaks table); internal/secrets/engine, which runs those rules,
// registers them when it is initialised, so every program that can report a
// gitleaks rule id also knows it (explain, SARIF, ignore comments, disable).
type BaseSecret struct {
	ID    string
	Title string
}

var baseSecrets struct {
	once   sync.Once
	source string       // "gitleaks v8.x default rule"
	rules  []BaseSecret // in the order they run
}

// RegisterBaseSecrets records the secret rules that run after the
// catalog's own, in the order they run (their priority in overlaps), and
// the words that name where they come from in their documentation. It is
// called once, from internal/secrets/engine's init; a second call panics.
func RegisterBaseSecrets(source string, rules []BaseSecret) {
	done := false
	baseSecrets.once.Do(func() {
		baseSecrets.source, baseSecrets.rules = source, rules
		done = true
	})
	if !done {
		panic("rules: base secrets registered twice")
	}
}

// SecretRun is one secret rule that runs: a catalog rule (Rule) or a base
// rule (Base).
type SecretRun struct {
	ID   string
	Rule *SecretRule // nil for a base rule
	Base *BaseSecret // nil for a catalog rule
}

// Running is the one secret policy: which secret rules run, in priority
// order (a lower index runs first and wins when two rules find the same
// secret). The catalog's rules come first, in file order; then the base
// rules that no catalog rule replaces (same id) or supersedes. The
// hardcodedsecret analyzer's engine, the history pass's gitleaks
// configuration and the rule documentation are all built from this list.
func (s *SecretSection) Running() []SecretRun {
	var out []SecretRun
	own := map[string]bool{}
	for i := range s.Rules {
		r := &s.Rules[i]
		own[r.ID] = true
		for _, id := range r.Supersedes {
			own[id] = true
		}
		out = append(out, SecretRun{ID: r.ID, Rule: r})
	}
	for i := range baseSecrets.rules {
		b := &baseSecrets.rules[i]
		if !own[b.ID] {
			out = append(out, SecretRun{ID: b.ID, Base: b})
		}
	}
	return out
}
