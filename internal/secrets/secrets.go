// Package secrets is keyless's secret engine as the CLI and the history
// pass use it: the engine of internal/secrets/engine (Azure identifiable
// keys and the rest of rules.yaml's secrets section, then gitleaks v8's
// default rules) plus the same rules as a gitleaks configuration, so that
// `keyless history` finds a key under the same rule id as the
// hardcodedsecret analyzer.
//
// Analyzers import internal/secrets/engine instead: this package links the
// gitleaks library, which golangci-lint must not.
package secrets

import (
	"fmt"
	"io"
	"sync"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/logging"
	glregexp "github.com/zricethezav/gitleaks/v8/regexp"

	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/secrets/engine"
	"github.com/keyless-dev/keyless/internal/secrets/gitleaksdefault"
)

// Match is one secret found in a text: short rule id, the secret, and its
// byte offsets.
type Match = engine.Match

// Detector is the secret engine as the CLI and the history pass use it:
// it finds secrets (Scan, ScanPath, ScanValue), re-checks secrets found by
// gitleaks (Validate), resolves overlaps (Resolve) and builds the gitleaks
// configuration of the same rules (GitleaksConfig). Safe for concurrent use.
type Detector struct {
	*engine.Engine

	specs []engine.RuleSpec // e.Rules(), in priority order
	rules []compiledRule    // specs[i] as a gitleaks rule, compiled on first use

	allowOnce sync.Once
	allow     []*config.Allowlist // gitleaks' global allowlists and keyless's
	allowErr  error

	once sync.Once
	cfg  config.Config // every rule
	err  error
}

// compiledRule is one rule of the gitleaks configuration, compiled once
// when a configuration first needs it: a scan of a small change compiles
// only the regexes its keywords call for, not all ~220.
type compiledRule struct {
	once sync.Once
	rule config.Rule
	err  error
}

// New builds the engine for cat (rules.Default() when nil).
func New(cat *rules.Catalog) (*Detector, error) {
	if cat == nil {
		cat = rules.Default()
	}
	silenceGitleaks()
	e, err := engine.New(cat)
	if err != nil {
		return nil, err
	}
	specs := e.Rules()
	return &Detector{Engine: e, specs: specs, rules: make([]compiledRule, len(specs))}, nil
}

// Redact shows a secret as a short prefix, "…" and its length: "AbCd…(84)".
func Redact(s string) string { return engine.Redact(s) }

// Hash is a stable, non-reversible identity of a secret for fingerprints.
func Hash(s string) string { return engine.Hash(s) }

var silence sync.Once

// silenceGitleaks turns gitleaks' global zerolog logger off: its trace
// logs print raw secrets, and at info level it chats on stderr.
func silenceGitleaks() {
	// 7 is zerolog.Disabled; keyless does not import zerolog itself.
	silence.Do(func() { logging.Logger = logging.Logger.Output(io.Discard).Level(7) })
}

// GitleaksConfig is the engine's rules as a gitleaks configuration for
// detect.NewDetector: keyless's rules (same ids as the analyzer's, e.g.
// azure-openai-key) then gitleaks' default rules minus those keyless
// replaces, with gitleaks' global allowlist and keyless's. It is built once
// per Detector without viper or [extend] (so none of gitleaks' global state
// is touched) and must not be mutated; detect.NewDetector only reads it.
//
// gitleaks cannot run keyless's checks: run Validate(finding.RuleID,
// finding.Secret) on every finding and drop the ones it rejects (bad
// checksums, placeholders). The context-only `value:` forms (a bare
// 32-hex key next to an Azure name in Go code) exist only in the analyzer.
func (e *Detector) GitleaksConfig() config.Config {
	e.once.Do(func() { e.cfg, e.err = e.buildConfig(nil) })
	return mustConfig(e.cfg, e.err)
}

// GitleaksConfigFor is GitleaksConfig restricted to the rules of set
// (engine.MarkCandidates over every text a scan will give the detector,
// decoded forms included): on those texts it finds what GitleaksConfig
// finds, and it compiles only those rules' regexes. Each call returns a
// new configuration; rules are compiled once per Detector.
func (e *Detector) GitleaksConfigFor(set engine.RuleSet) config.Config {
	return mustConfig(e.buildConfig(set))
}

func mustConfig(cfg config.Config, err error) config.Config {
	if err != nil {
		// The table and catalog regexes are compiled by engine.New and by
		// tests; failing here is a build defect.
		panic("keyless: building gitleaks config: " + err.Error())
	}
	return cfg
}

// buildConfig builds the configuration of the rules in set (nil: all).
func (e *Detector) buildConfig(set engine.RuleSet) (config.Config, error) {
	cfg := config.Config{
		Title:    "keyless (gitleaks " + gitleaksdefault.Version + " defaults + rules.yaml secrets)",
		Rules:    map[string]config.Rule{},
		Keywords: map[string]struct{}{},
	}
	for i := range e.specs {
		if set != nil && !set.Has(i) {
			continue
		}
		r, err := e.rule(i)
		if err != nil {
			return cfg, err
		}
		for _, k := range r.Keywords {
			cfg.Keywords[k] = struct{}{}
		}
		cfg.Rules[r.RuleID] = r
		cfg.OrderedRules = append(cfg.OrderedRules, r.RuleID)
	}
	e.allowOnce.Do(func() { e.allow, e.allowErr = e.allowlists() })
	cfg.Allowlists = e.allow
	return cfg, e.allowErr
}

// rule compiles specs[i] as a gitleaks rule, once.
func (e *Detector) rule(i int) (config.Rule, error) {
	c := &e.rules[i]
	c.once.Do(func() {
		spec := e.specs[i]
		r := config.Rule{
			RuleID:      spec.ID,
			Description: spec.Title,
			Entropy:     spec.Entropy,
			SecretGroup: spec.SecretGroup,
			Keywords:    append([]string{}, spec.Keywords...),
			Tags:        []string{},
		}
		var err error
		defer func() { c.rule, c.err = r, err }()
		if r.Regex, err = compile(spec.Regex); err != nil {
			err = fmt.Errorf("%s: %v", spec.ID, err)
			return
		}
		if spec.Path != "" {
			if r.Path, err = compile(spec.Path); err != nil {
				err = fmt.Errorf("%s: path: %v", spec.ID, err)
				return
			}
		}
		for _, a := range spec.Allowlists {
			var al *config.Allowlist
			if al, err = allowlist(a); err != nil {
				err = fmt.Errorf("%s: allowlist: %v", spec.ID, err)
				return
			}
			if al != nil {
				r.Allowlists = append(r.Allowlists, al)
			}
		}
		err = r.Validate()
	})
	return c.rule, c.err
}

// allowlists compiles gitleaks' global allowlists and rules.yaml's.
func (e *Detector) allowlists() ([]*config.Allowlist, error) {
	var out []*config.Allowlist
	for _, a := range gitleaksdefault.Allowlists {
		al, err := allowlist(a)
		if err != nil {
			return nil, fmt.Errorf("global allowlist: %v", err)
		}
		if al != nil {
			out = append(out, al)
		}
	}
	if own := e.CatalogAllowlist(); own != nil {
		al, err := allowlist(*own)
		if err != nil {
			return nil, fmt.Errorf("rules.yaml allowlist: %v", err)
		}
		if al != nil {
			out = append(out, al)
		}
	}
	return out, nil
}

func compile(s string) (re *glregexp.Regexp, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return glregexp.MustCompile(s), nil
}

func allowlist(a gitleaksdefault.Allowlist) (*config.Allowlist, error) {
	al := &config.Allowlist{
		Description: a.Description,
		RegexTarget: a.RegexTarget,
		StopWords:   append([]string(nil), a.StopWords...),
		Commits:     append([]string(nil), a.Commits...),
	}
	if a.And {
		al.MatchCondition = config.AllowlistMatchAnd
	}
	for _, s := range a.Regexes {
		re, err := compile(s)
		if err != nil {
			return nil, err
		}
		al.Regexes = append(al.Regexes, re)
	}
	for _, s := range a.Paths {
		re, err := compile(s)
		if err != nil {
			return nil, err
		}
		al.Paths = append(al.Paths, re)
	}
	if len(al.Regexes)+len(al.Paths)+len(al.StopWords)+len(al.Commits) == 0 {
		return nil, nil
	}
	return al, al.Validate()
}
