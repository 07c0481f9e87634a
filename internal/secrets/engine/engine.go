// Package engine is keyless's secret engine without any gitleaks import:
// the Azure identifiable-key rules and the rest of rules.yaml's secrets
// section, then gitleaks v8's default rules (from the generated table in
// internal/secrets/gitleaksdefault), behind one keyword prefilter. The
// hardcodedsecret analyzer imports this package directly, so golangci-lint
// never links gitleaks; internal/secrets wraps it for the CLI and the
// history pass and adds the gitleaks configuration.
//
// An Engine is immutable once built and safe for concurrent use; gitleaks
// regexes are compiled on first use, so a process that never meets a
// keyword of a rule never pays for its regex.
package engine

import (
	"fmt"
	"math/bits"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/secrets/gitleaksdefault"
)

// Match is one secret found in a text.
type Match struct {
	RuleID     string // short id: "azure-openai-key", "aws-access-token"
	Secret     string // the secret itself; never print it, use Redact
	Start, End int    // byte offsets of the secret in the scanned text
}

// Engine finds secrets in text.
type Engine struct {
	rules    []*rule
	byID     map[string]*rule
	always   []int // rules without keywords
	keywords *keywordIndex
	words    int // len of the candidate bitset

	allow           allowlist // keyless's global allowlist (rules.yaml)
	gitleaksAllow   []*allowlist
	gitleaksAllowMu sync.Once
	valueRules      []*rule
	catalogAllow    *gitleaksdefault.Allowlist
	skip            map[string]bool // SourceSkip
}

// RuleSpec is a rule as the engine runs it, for building other
// configurations (gitleaks') from the same source.
type RuleSpec struct {
	ID          string
	Title       string
	Kind        string
	Regex       string
	Path        string
	SecretGroup int // gitleaks semantics: 0 = first non-empty group
	Entropy     float64
	Keywords    []string
	Allowlists  []gitleaksdefault.Allowlist
	Validate    string // validator name ("" for none)
	Gitleaks    bool   // from gitleaks' default config
}

type rule struct {
	idx        int  // priority: lower runs first and wins overlaps
	sourceSkip bool // not run by ScanSource
	spec       RuleSpec
	validate   func(string) verdict
	value      *rules.ValueRule

	once    sync.Once
	needs   []need // necessary conditions checked before the regex
	minLen  int
	re      *regexp.Regexp
	path    *regexp.Regexp
	allow   []*allowlist
	secrets []int // submatch indices of groups named "secret"
	err     error
}

// base is gitleaks' default rules by id: the rules the catalog's
// secret policy (rules.SecretSection.Running) lists after its own.
var base = map[string]*gitleaksdefault.Rule{}

// init registers gitleaks' reportable default rules with the catalog, in
// the order they run: gitleaks' order, generic-api-key (the least specific)
// last so that specific rules win overlaps. Rules without a regex
// (path-only) and SkipReport rules (parts of composite rules) never report.
func init() {
	var bs []rules.BaseSecret
	var generic *rules.BaseSecret
	for i := range gitleaksdefault.Rules {
		g := &gitleaksdefault.Rules[i]
		if g.Regex == "" || g.SkipReport {
			continue
		}
		base[g.ID] = g
		b := rules.BaseSecret{ID: g.ID, Title: g.Description}
		if g.ID == "generic-api-key" {
			generic = &b
			continue
		}
		bs = append(bs, b)
	}
	if generic != nil {
		bs = append(bs, *generic)
	}
	rules.RegisterBaseSecrets("gitleaks "+gitleaksdefault.Version+" default rule", bs)
}

// New builds the engine for cat's secrets section: the rules its secret
// policy runs (rules.SecretSection.Running), in that order, minus those
// disabled under both of their ids. A bad validator name or a
// gitleaks-table regex that does not compile is an error (positioned for
// catalog rules).
func New(cat *rules.Catalog) (*Engine, error) {
	e := &Engine{byID: map[string]*rule{}, skip: map[string]bool{}}
	for _, p := range cat.Secrets.SourceSkip {
		e.skip[p.Value] = true
	}
	sec := &cat.Secrets
	if err := sec.ValidateSourceSkip(); err != nil {
		return nil, err
	}
	for _, run := range sec.Running() {
		if !cat.Enabled("hardcodedsecret/"+run.ID) && !cat.Enabled("history/"+run.ID) {
			continue
		}
		if r := run.Rule; r != nil {
			v, ok := validators[r.Validate]
			if !ok {
				return nil, &rules.Error{Pos: r.Pos, Msg: fmt.Sprintf("secret rule %q: unknown validate %q (known: %s)", r.ID, r.Validate, validatorNames())}
			}
			spec := RuleSpec{ID: r.ID, Title: r.Title, Kind: r.Kind, Regex: r.Regex, Entropy: r.Entropy, Validate: r.Validate}
			for _, k := range r.Keywords {
				spec.Keywords = append(spec.Keywords, strings.ToLower(k))
			}
			if a := r.Allowlist; a != nil {
				spec.Allowlists = []gitleaksdefault.Allowlist{{Regexes: a.Regexes, Paths: a.Paths, StopWords: lower(a.Stopwords)}}
			}
			spec.SecretGroup = secretGroup(r.Compiled())
			e.add(&rule{spec: spec, validate: v, value: r.Value})
			continue
		}
		g := base[run.ID]
		e.add(&rule{spec: RuleSpec{ID: g.ID, Title: g.Description, Kind: humanize(g.ID), Regex: g.Regex, Path: g.Path,
			SecretGroup: g.SecretGroup, Entropy: g.Entropy, Keywords: g.Keywords, Allowlists: g.Allowlists, Gitleaks: true}})
	}
	kw := map[string][]int{}
	for i, r := range e.rules {
		if len(r.spec.Keywords) == 0 {
			e.always = append(e.always, i)
		}
		for _, k := range r.spec.Keywords {
			kw[k] = append(kw[k], i)
		}
		if r.value != nil {
			e.valueRules = append(e.valueRules, r)
		}
	}
	e.keywords = newKeywordIndex(kw)
	e.words = (len(e.rules) + 63) / 64
	e.allow = allowlist{regexes: sec.Allowlist.ValueRegexes(), paths: sec.Allowlist.PathRegexes(), stopwords: lower(sec.Allowlist.Stopwords)}
	e.allow.index()
	if a := sec.Allowlist; len(a.Paths)+len(a.Regexes)+len(a.Stopwords) > 0 {
		e.catalogAllow = &gitleaksdefault.Allowlist{Description: "rules.yaml secrets allowlist", Regexes: a.Regexes, Paths: a.Paths, StopWords: lower(a.Stopwords)}
	}
	// Catalog rules compile now so that errors surface at load time.
	for _, r := range e.rules {
		if !r.spec.Gitleaks {
			if err := r.compile(); err != nil {
				return nil, err
			}
		}
	}
	return e, nil
}

func (e *Engine) add(r *rule) {
	r.idx = len(e.rules)
	r.sourceSkip = e.skip[r.spec.ID]
	e.byID[r.spec.ID] = r
	e.rules = append(e.rules, r)
}

func lower(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.ToLower(w)
	}
	return out
}

// secretGroup is the gitleaks SecretGroup for a keyless regex: the index
// of the only "secret" group, or 0 (first non-empty group) when the regex
// repeats it in alternatives (and then has no other groups).
func secretGroup(re *regexp.Regexp) int {
	idx := 0
	for i, n := range re.SubexpNames() {
		if n == "secret" {
			if idx != 0 {
				return 0
			}
			idx = i
		}
	}
	return idx
}

func (r *rule) compile() error {
	r.once.Do(func() {
		var err error
		if r.re, err = regexp.Compile(r.spec.Regex); err != nil {
			r.err = fmt.Errorf("secret rule %q: %v", r.spec.ID, err)
			return
		}
		r.needs, r.minLen = needsOf(r.spec.Regex)
		if r.spec.Path != "" {
			if r.path, err = regexp.Compile(r.spec.Path); err != nil {
				r.err = fmt.Errorf("secret rule %q: path: %v", r.spec.ID, err)
				return
			}
		}
		for i, n := range r.re.SubexpNames() {
			if n == "secret" {
				r.secrets = append(r.secrets, i)
			}
		}
		for _, a := range r.spec.Allowlists {
			al, err := compileAllowlist(a)
			if err != nil {
				r.err = fmt.Errorf("secret rule %q: allowlist: %v", r.spec.ID, err)
				return
			}
			r.allow = append(r.allow, al)
		}
	})
	return r.err
}

// Rules lists the rules in the order they run (catalog rules, then
// gitleaks' defaults, generic-api-key last).
func (e *Engine) Rules() []RuleSpec {
	out := make([]RuleSpec, len(e.rules))
	for i, r := range e.rules {
		out[i] = r.spec
	}
	return out
}

// Has reports whether a rule with this short id runs.
func (e *Engine) Has(ruleID string) bool { _, ok := e.byID[ruleID]; return ok }

// Scan returns the secrets in text, ordered by offset. Rules restricted to
// paths do not run; use ScanPath when the text comes from a file.
func (e *Engine) Scan(text string) []Match { return e.scan("", text, false, false) }

// ScanPath is Scan for the content of the file at path: path-scoped
// rules run where they apply, and path allowlists (keyless's, gitleaks'
// and each rule's) silence the file.
func (e *Engine) ScanPath(path, text string) []Match {
	if path != "" && e.PathAllowed(path) {
		return nil
	}
	return e.scan(path, text, true, false)
}

// minText is the shortest text worth scanning: no rule finds a shorter secret.
const minText = 8

func (e *Engine) scan(path, text string, withPath, source bool) []Match {
	if len(text) < minText {
		return nil
	}
	var buf [8]uint64
	var set []uint64
	if e.words <= len(buf) {
		set = buf[:e.words]
	} else {
		set = make([]uint64, e.words)
	}
	e.keywords.mark(text, set)
	for _, i := range e.always {
		set[i>>6] |= 1 << (uint(i) & 63)
	}
	var out, vetoes []Match
	for w, word := range set {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			word &^= 1 << b
			r := e.rules[w*64+b]
			if source && r.sourceSkip {
				continue
			}
			out, vetoes = e.runRule(r, path, withPath, text, out, vetoes)
		}
	}
	if len(vetoes) > 0 {
		out = dropVetoed(e, out, vetoes)
	}
	if len(out) > 1 {
		out = resolveOverlaps(e, out)
	}
	return out
}

// overlapsAny reports whether m shares a byte with any match of others.
func overlapsAny(m Match, others []Match) bool {
	for _, o := range others {
		if m.Start < o.End && o.Start < m.End {
			return true
		}
	}
	return false
}

// dropVetoed removes gitleaks matches that overlap an identifiable-format
// candidate whose checksum failed.
func dropVetoed(e *Engine, ms, vetoes []Match) []Match {
	kept := ms[:0]
	for _, m := range ms {
		if !(e.IsGitleaksRule(m.RuleID) && overlapsAny(m, vetoes)) {
			kept = append(kept, m)
		}
	}
	return kept
}

func (e *Engine) runRule(r *rule, path string, withPath bool, text string, out, vetoes []Match) ([]Match, []Match) {
	if r.compile() != nil {
		return out, vetoes
	}
	if r.path != nil && (!withPath || !r.path.MatchString(path)) {
		return out, vetoes
	}
	if withPath {
		for _, a := range r.allow {
			if a.pathAllowed(path) && !a.and {
				return out, vetoes
			}
		}
	}
	if len(text) < r.minLen || !possible(text, r.needs) {
		return out, vetoes
	}
	for _, loc := range findAll(r.re, text) {
		s, en := r.secretSpan(text, loc)
		if s < 0 || s == en {
			continue
		}
		secret := text[s:en]
		m := Match{RuleID: r.spec.ID, Secret: secret, Start: s, End: en}
		switch e.verdict(r, secret, text[loc[0]:loc[1]], lineOf(text, loc[0], loc[1]), path) {
		case vetoed:
			vetoes = append(vetoes, m)
		case plausible, proven:
			out = append(out, m)
		}
	}
	return out, vetoes
}

// findAll is FindAllStringSubmatchIndex plus the matches it skips when a
// match consumes a trailing delimiter that the next secret needs as its
// leading one ("k1;k2").
func findAll(re *regexp.Regexp, text string) [][]int {
	locs := re.FindAllStringSubmatchIndex(text, -1)
	if len(locs) == 0 {
		return nil
	}
	seen := map[int]bool{}
	for _, l := range locs {
		seen[l[0]] = true
	}
	for i := 0; i < len(locs) && i < 1000; i++ {
		l := locs[i]
		end := lastGroupEnd(l)
		if end <= l[0] || end >= l[1] {
			continue
		}
		// Re-search from the consumed delimiter.
		sub := re.FindStringSubmatchIndex(text[end:])
		if sub == nil || sub[0] != 0 || seen[end] {
			continue
		}
		for j := range sub {
			if sub[j] >= 0 {
				sub[j] += end
			}
		}
		seen[end] = true
		locs = append(locs, sub)
	}
	return locs
}

func lastGroupEnd(loc []int) int {
	end := -1
	for i := 2; i+1 < len(loc); i += 2 {
		if loc[i+1] > end {
			end = loc[i+1]
		}
	}
	return end
}

// secretSpan picks the secret out of a match: the first non-empty group
// named "secret"; else gitleaks' rule (SecretGroup, or the first non-empty
// group); else the whole match without surrounding newlines.
func (r *rule) secretSpan(text string, loc []int) (int, int) {
	for _, g := range r.secrets {
		if loc[2*g] >= 0 && loc[2*g+1] > loc[2*g] {
			return loc[2*g], loc[2*g+1]
		}
	}
	if len(r.secrets) > 0 {
		return -1, -1
	}
	if r.spec.SecretGroup > 0 && 2*r.spec.SecretGroup+1 < len(loc) {
		return loc[2*r.spec.SecretGroup], loc[2*r.spec.SecretGroup+1]
	}
	for g := 1; 2*g+1 < len(loc); g++ {
		if loc[2*g] >= 0 && loc[2*g+1] > loc[2*g] {
			return loc[2*g], loc[2*g+1]
		}
	}
	s, en := loc[0], loc[1]
	for s < en && text[s] == '\n' {
		s++
	}
	for en > s && text[en-1] == '\n' {
		en--
	}
	return s, en
}

// lineOf is the line of text around [s, e), for allowlists that target it.
func lineOf(text string, s, e int) string {
	ls := strings.LastIndexByte(text[:s], '\n') + 1
	le := strings.IndexByte(text[e:], '\n')
	if le < 0 {
		return text[ls:]
	}
	return text[ls : e+le]
}

// accept applies every post-filter to a candidate secret: the rule's
// entropy and validator, keyless's placeholder filter, keyless's and
// gitleaks' global allowlists and the rule's own.
func (e *Engine) accept(r *rule, secret, match, line, path string) bool {
	v := e.verdict(r, secret, match, line, path)
	return v == plausible || v == proven
}

func (e *Engine) verdict(r *rule, secret, match, line, path string) verdict {
	if r.spec.Entropy != 0 && ShannonEntropy(secret) <= r.spec.Entropy {
		return rejected
	}
	v := plausible
	if r.validate != nil {
		v = r.validate(secret)
	}
	if v == rejected || v == vetoed {
		return v
	}
	if v == plausible && Placeholder(secret) {
		return rejected
	}
	if e.allowed(r, secret, match, line, path) {
		return rejected
	}
	return v
}

func (e *Engine) allowed(r *rule, secret, match, line, path string) bool {
	if e.allow.allowed(secret, match, line, path) {
		return true
	}
	for _, a := range e.gitleaksAllowlists() {
		if a.allowed(secret, match, line, path) {
			return true
		}
	}
	for _, a := range r.allow {
		if a.allowed(secret, match, line, path) {
			return true
		}
	}
	return false
}

func (e *Engine) gitleaksAllowlists() []*allowlist {
	e.gitleaksAllowMu.Do(func() {
		for _, a := range gitleaksdefault.Allowlists {
			al, err := compileAllowlist(a)
			if err == nil { // the table is tested to compile
				e.gitleaksAllow = append(e.gitleaksAllow, al)
			}
		}
	})
	return e.gitleaksAllow
}

// Resolve is the one overlap policy of the secret engine and the history
// pass: among matches of the same secret (SameSecret), it keeps the one of
// the rule that runs first (catalog rules before gitleaks', specific before
// generic; rules.SecretSection.Running). It returns the indices of the
// matches kept, ordered by offset. A match of a rule the engine does not
// run ranks last.
func (e *Engine) Resolve(ms []Match) []int {
	prio := func(id string) int {
		if r, ok := e.byID[id]; ok {
			return r.idx
		}
		return len(e.rules)
	}
	order := make([]int, len(ms))
	for i := range order {
		order[i] = i
	}
	// Between matches of one rule the first found wins: the engine finds
	// them in offset order, gitleaks finds the text's own before those of
	// its decoding pass.
	sort.SliceStable(order, func(a, b int) bool { return prio(ms[order[a]].RuleID) < prio(ms[order[b]].RuleID) })
	var kept []int
	for _, i := range order {
		same := false
		for _, k := range kept {
			if SameSecret(ms[i], ms[k]) {
				same = true
				break
			}
		}
		if !same {
			kept = append(kept, i)
		}
	}
	sort.Slice(kept, func(a, b int) bool { return ms[kept[a]].Start < ms[kept[b]].Start })
	return kept
}

// SameSecret reports whether two matches in one text are one secret:
// their spans overlap, or one secret contains the other (gitleaks'
// decoding pass reports a key found in decoded text, and composite rules
// such as kubernetes-secret-yaml report it inside a larger match).
func SameSecret(a, b Match) bool {
	return a.Start < b.End && b.Start < a.End ||
		strings.Contains(a.Secret, b.Secret) || strings.Contains(b.Secret, a.Secret)
}

func resolveOverlaps(e *Engine, ms []Match) []Match {
	kept := e.Resolve(ms)
	out := make([]Match, len(kept))
	for j, i := range kept {
		out[j] = ms[i]
	}
	return out
}

// Validate applies a rule's post-filters (checksum or structure,
// entropy, placeholders, keyless's allowlist) to a secret found by other
// means — gitleaks running GitleaksConfig in the history pass. It is false
// for an unknown rule id.
func (e *Engine) Validate(ruleID, secret string) bool {
	r, ok := e.byID[ruleID]
	if !ok {
		return false
	}
	if r.compile() != nil {
		return false
	}
	return e.accept(r, secret, secret, secret, "")
}

// PathAllowed reports whether keyless's or gitleaks' global allowlist
// silences every finding in the file at path.
func (e *Engine) PathAllowed(path string) bool {
	if e.allow.pathAllowed(path) {
		return true
	}
	for _, a := range e.gitleaksAllowlists() {
		if !a.and && a.pathAllowed(path) {
			return true
		}
	}
	return false
}

// Kind names the kind of secret a match is, for messages: the rule's kind,
// refined to the service for Azure CASK keys.
func (e *Engine) Kind(m Match) string {
	r, ok := e.byID[m.RuleID]
	if !ok {
		return humanize(m.RuleID)
	}
	if k := refineKind(r.spec.Validate, m.Secret); k != "" {
		return k
	}
	if r.spec.Kind != "" {
		return r.spec.Kind
	}
	return humanize(r.spec.ID)
}

func humanize(id string) string { return strings.ReplaceAll(id, "-", " ") }

// CatalogAllowlist is rules.yaml's global allowlist in gitleaks' shape, or
// nil when it is empty.
func (e *Engine) CatalogAllowlist() *gitleaksdefault.Allowlist {
	return e.catalogAllow
}

// ScanSource is ScanPath for a Go string constant of the file at path,
// for a caller that has already checked PathAllowed for the file (the
// analyzer, once per file). Rules in rules.yaml's sourceSkip do not run.
func (e *Engine) ScanSource(path, text string) []Match { return e.scan(path, text, true, true) }

// IsGitleaksRule reports whether the rule comes from gitleaks' defaults.
func (e *Engine) IsGitleaksRule(ruleID string) bool {
	r, ok := e.byID[ruleID]
	return ok && r.spec.Gitleaks
}
