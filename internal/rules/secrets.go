package rules

import (
	"regexp"
	"strings"
)

// SecretSection holds the secret patterns shared by hardcodedsecret and the
// history pass, and the allowlist applied to both. gitleaks v8's default
// rules (internal/secrets/gitleaksdefault) run after these; a rule here with
// the id of a gitleaks rule replaces it, and Supersedes drops others.
type SecretSection struct {
	Rules     []SecretRule `yaml:"rules"`
	Allowlist Allowlist    `yaml:"allowlist"`
	// SourceSkip lists rule ids (usually gitleaks') that the
	// hardcodedsecret analyzer does not run on Go string constants; the
	// history pass still runs them. A user file that sets it replaces
	// the default list (`sourceSkip: []` runs every rule).
	SourceSkip []PosString `yaml:"sourceSkip"`
}

// merge layers a user file's section over s: rules by id, allowlists
// extended, SourceSkip replaced when the user file sets it.
func (s *SecretSection) merge(u SecretSection) {
	s.Rules = mergeByID(s.Rules, u.Rules, func(r SecretRule) string { return r.ID })
	s.Allowlist.extend(u.Allowlist)
	if u.SourceSkip != nil {
		s.SourceSkip = u.SourceSkip
	}
}

// ValidateSourceSkip reports a SourceSkip entry that names no secret
// rule, at its position (internal/secrets calls it when building the
// engine).
func (s SecretSection) ValidateSourceSkip() error {
	known := map[string]bool{}
	for _, r := range s.Running() {
		known[r.ID] = true
	}
	for _, p := range s.SourceSkip {
		if !known[p.Value] {
			return errorf(p.Pos, "sourceSkip: unknown secret rule %q", p.Value)
		}
	}
	return nil
}

// DefaultSecretRemedy is the remedy of a secret rule that has none of its
// own (gitleaks' rules, a user's rule without `remedy:`).
const DefaultSecretRemedy = "Revoke it and issue a new one at its provider, then keep its replacement out of the repository (environment, secret store, workload identity)."

// SecretRule is one secret pattern. Its full ids are
// "hardcodedsecret/"+ID (Go source), "hardcodedsecret/"+ID+"-in-test"
// (_test.go files) and "history/"+ID (git history).
type SecretRule struct {
	Pos Pos
	ID  string `yaml:"id"`
	Doc `yaml:",inline"`
	// Kind names the secret in messages ("Azure OpenAI key").
	Kind string `yaml:"kind"`
	// Remedy says how to rotate this kind of secret and stop needing it,
	// in sentences (optional: DefaultSecretRemedy). History findings and
	// SARIF help carry it.
	Remedy string `yaml:"remedy"`
	// Regex finds candidates in text; the secret is the group named
	// "secret" (the first non-empty one when alternatives repeat it), or
	// the whole match when there is none.
	Regex string `yaml:"regex"`
	// Keywords prefilter: the regex runs only on text containing one of
	// them (case-insensitive), as gitleaks does. No keywords: always runs.
	Keywords []string `yaml:"keywords"`
	// Entropy is the Shannon entropy (bits per character) the secret must
	// exceed, 0 for none.
	Entropy float64 `yaml:"entropy"`
	// Validate names a structural check in internal/secrets (a checksum,
	// a decoded length) that a candidate must pass.
	Validate string `yaml:"validate"`
	// Value matches a whole Go string value that has no telling shape of
	// its own (32 hex digits, 88 base64 characters) when the code around
	// it says what it is; see ValueRule.
	Value *ValueRule `yaml:"value"`
	// Allowlist silences this rule only.
	Allowlist *Allowlist `yaml:"allowlist"`
	// Supersedes lists gitleaks default rule ids this rule replaces (so
	// one secret is reported once, under keyless's id).
	Supersedes []string `yaml:"supersedes"`

	re *regexp.Regexp
}

// ValueRule is the context-dependent form of a secret rule, used by the
// hardcodedsecret analyzer on whole string constants. A value matching
// Regex is reported when it is the key argument of a keyauth-cataloged
// call, or when its name (identifier, field, map key, parameter
// "pkg.Func.param", or the env var of a getenv-style default) matches
// Names and not Exclude, or when its file names an Azure endpoint and its
// name does not match Exclude.
type ValueRule struct {
	Pos     Pos
	Regex   string `yaml:"regex"`
	Names   string `yaml:"names"`
	Exclude string `yaml:"exclude"`

	re, names, exclude *regexp.Regexp
}

// Compiled returns the value, name and exclusion regexes (nil when unset).
func (v *ValueRule) Compiled() (value, names, exclude *regexp.Regexp) {
	return v.re, v.names, v.exclude
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
	if err := checkSecretGroups(re); err != nil {
		return errorf(r.Pos, "secret rule %q: %v", r.ID, err)
	}
	r.re = re
	for _, k := range r.Keywords {
		if strings.TrimSpace(k) == "" {
			return errorf(r.Pos, "secret rule %q: empty keyword", r.ID)
		}
	}
	if r.Entropy < 0 || r.Entropy > 8 {
		return errorf(r.Pos, "secret rule %q: entropy must be between 0 and 8 bits per character", r.ID)
	}
	if v := r.Value; v != nil {
		pos := v.Pos
		if pos.Line == 0 {
			pos = r.Pos
		}
		if v.Regex == "" {
			return errorf(pos, "secret rule %q: value has no regex", r.ID)
		}
		var err error
		for _, p := range []struct {
			src  string
			dst  **regexp.Regexp
			what string
		}{{v.Regex, &v.re, "value regex"}, {v.Names, &v.names, "value names"}, {v.Exclude, &v.exclude, "value exclude"}} {
			if p.src == "" {
				continue
			}
			if *p.dst, err = regexp.Compile(p.src); err != nil {
				return errorf(pos, "secret rule %q: bad %s: %v", r.ID, p.what, err)
			}
		}
	}
	if r.Allowlist != nil {
		if r.Allowlist.Pos.Line == 0 {
			r.Allowlist.Pos = r.Pos
		}
		if err := r.Allowlist.validate(); err != nil {
			return err
		}
	}
	return nil
}

// checkSecretGroups allows several groups named "secret" (alternatives)
// only when the regex has no other capture group: gitleaks then takes the
// first non-empty group, which is the secret.
func checkSecretGroups(re *regexp.Regexp) error {
	secrets, others := 0, 0
	for _, n := range re.SubexpNames()[1:] {
		if n == "secret" {
			secrets++
		} else {
			others++
		}
	}
	if secrets > 1 && others > 0 {
		return errorf(Pos{}, "a regex with several \"secret\" groups must have no other capture group (use (?:…))")
	}
	return nil
}

// Allowlist silences secret candidates by path, by value or by word.
type Allowlist struct {
	Pos Pos
	// Paths are regexes on the file path ('/'-separated, module- or
	// repo-relative).
	Paths []string `yaml:"paths"`
	// Regexes are matched against the secret.
	Regexes []string `yaml:"regexes"`
	// Stopwords silence a secret that contains one of them
	// (case-insensitive).
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
	for _, w := range a.Stopwords {
		if strings.TrimSpace(w) == "" {
			return errorf(a.Pos, "allowlist: empty stopword")
		}
	}
	return nil
}

// PathRegexes and ValueRegexes are the compiled allowlists.
func (a *Allowlist) PathRegexes() []*regexp.Regexp  { return a.paths }
func (a *Allowlist) ValueRegexes() []*regexp.Regexp { return a.regexes }

// TestSuffix is appended to a hardcodedsecret rule id for findings in
// _test.go files, so that a team can treat test fixtures separately.
const TestSuffix = "-in-test"

func (s SecretSection) secretDocs() []RuleDoc {
	var docs []RuleDoc
	for _, r := range s.Running() {
		if r.Rule != nil {
			remedy := r.Rule.Remedy
			if remedy == "" {
				remedy = DefaultSecretRemedy
			}
			docs = append(docs, RuleDoc{ID: r.ID, Doc: r.Rule.Doc, Remedy: remedy})
			continue
		}
		docs = append(docs, RuleDoc{ID: r.ID, Remedy: DefaultSecretRemedy, Doc: Doc{
			Title:    r.Base.Title,
			Why:      "A secret written into source is in every clone and in git history for good; rotate it and load it at run time instead. (" + baseSecrets.source + " " + r.ID + ".)",
			CWE:      "CWE-798",
			Severity: SeverityError,
		}})
	}
	return docs
}

func (s SecretSection) docs() []RuleDoc {
	var docs []RuleDoc
	for _, d := range s.secretDocs() {
		testDoc := d.Doc
		testDoc.Title += " (in a _test.go file)"
		testDoc.Severity = SeverityWarning
		historyDoc := d.Doc
		historyDoc.Title = strings.TrimSuffix(historyDoc.Title, " in source") + " in git history"
		docs = append(docs,
			RuleDoc{ID: "hardcodedsecret/" + d.ID, Doc: d.Doc, Remedy: d.Remedy},
			RuleDoc{ID: "hardcodedsecret/" + d.ID + TestSuffix, Doc: testDoc, Remedy: d.Remedy},
			RuleDoc{ID: "history/" + d.ID, Doc: historyDoc, Remedy: d.Remedy})
	}
	return docs
}
