package rules

import (
	"regexp"
)

// SecretSection holds the secret patterns shared by hardcodedsecret and the
// history pass, and the allowlist applied to both.
type SecretSection struct {
	Rules     []SecretRule `yaml:"rules"`
	Allowlist Allowlist    `yaml:"allowlist"`
}

// SecretRule is one secret pattern. Its full ids are
// "hardcodedsecret/"+ID (Go source) and "history/"+ID (git history).
type SecretRule struct {
	Pos Pos
	ID  string `yaml:"id"`
	Doc `yaml:",inline"`
	// Regex finds candidates; the secret is the group named "secret" (or
	// the whole match when there is none).
	Regex string `yaml:"regex"`
	// Keywords prefilter: the regex runs only on text containing one of
	// them (case-insensitive), as gitleaks does.
	Keywords []string `yaml:"keywords"`
	// Entropy is the minimum Shannon entropy of the secret, 0 for none.
	Entropy float64 `yaml:"entropy"`
	// Validate names a structural check in internal/secrets (e.g. a
	// checksum) that a candidate must pass.
	Validate string `yaml:"validate"`

	re *regexp.Regexp
}

// RuleID is the Go-source rule id.
func (r SecretRule) RuleID() string { return "hardcodedsecret/" + r.ID }

// Compiled returns the rule's compiled regex (shared read-only).
func (r *SecretRule) Compiled() *regexp.Regexp { return r.re }

func (r *SecretRule) validate() error {
	if err := r.Doc.validate(r.Pos); err != nil {
		return err
	}
	if r.Regex == "" {
		return errorf(r.Pos, "secret rule %q has no regex", r.ID)
	}
	re, err := regexp.Compile(r.Regex)
	if err != nil {
		return errorf(r.Pos, "secret rule %q: bad regex: %v", r.ID, err)
	}
	r.re = re
	return nil
}

// Allowlist silences secret candidates by path, by value or by word.
type Allowlist struct {
	Pos       Pos
	Paths     []string `yaml:"paths"`
	Regexes   []string `yaml:"regexes"`
	Stopwords []string `yaml:"stopwords"`

	paths, regexes []*regexp.Regexp
}

func (a *Allowlist) extend(b Allowlist) {
	a.Paths = append(a.Paths, b.Paths...)
	a.Regexes = append(a.Regexes, b.Regexes...)
	a.Stopwords = append(a.Stopwords, b.Stopwords...)
}

func (a *Allowlist) validate() error {
	a.paths, a.regexes = nil, nil
	for _, p := range a.Paths {
		re, err := regexp.Compile(p)
		if err != nil {
			return errorf(a.Pos, "allowlist path %q: bad regex: %v", p, err)
		}
		a.paths = append(a.paths, re)
	}
	for _, p := range a.Regexes {
		re, err := regexp.Compile(p)
		if err != nil {
			return errorf(a.Pos, "allowlist regex %q: bad regex: %v", p, err)
		}
		a.regexes = append(a.regexes, re)
	}
	return nil
}

// PathRegexes and ValueRegexes are the compiled allowlists.
func (a *Allowlist) PathRegexes() []*regexp.Regexp  { return a.paths }
func (a *Allowlist) ValueRegexes() []*regexp.Regexp { return a.regexes }

func (s SecretSection) docs() []RuleDoc {
	var docs []RuleDoc
	for _, r := range s.Rules {
		docs = append(docs,
			RuleDoc{ID: r.RuleID(), Doc: r.Doc},
			RuleDoc{ID: "history/" + r.ID, Doc: r.Doc})
	}
	return docs
}
