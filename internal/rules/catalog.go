// Package rules parses, validates and merges keyless's rule catalog
// (rules.yaml): the key-based APIs keyauth rewrites, the secret patterns of
// hardcodedsecret and the history pass, and the Azure role catalog of
// broadrole. The embedded default is always loaded; a user file is layered
// over it, entry by entry, so a team adds or silences a rule without code.
//
// A Catalog is built once per process and never mutated afterwards:
// analyzers run concurrently (golangci-lint does) and share it read-only.
package rules

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"sort"

	"gopkg.in/yaml.v3"

	"github.com/keyless-dev/keyless"
)

// Severities, named as SARIF names its levels.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
	SeverityNote    = "note"
)

// Doc is what every rule carries so that `keyless explain`, SARIF help and
// the README are generated from one source.
type Doc struct {
	Title    string `yaml:"title"`
	Why      string `yaml:"why"`
	Before   string `yaml:"before"`
	After    string `yaml:"after"`
	CWE      string `yaml:"cwe"`
	Severity string `yaml:"severity"`
}

// RuleDoc is a rule's full id ("keyauth/azopenai-key-credential") and its Doc.
type RuleDoc struct {
	ID string
	Doc
	// Remedy says how to rotate a leaked secret and stop needing one
	// (secret rules only: the rule's `remedy:`, else DefaultSecretRemedy).
	Remedy string
}

// Check documents a rule whose matching lives in code (broadrole's checks,
// the ignore-comment checks); its id is the full rule id.
type Check struct {
	Pos Pos
	ID  string `yaml:"id"`
	Doc `yaml:",inline"`
}

// Catalog is the merged, validated rule set.
type Catalog struct {
	KeyAuth []KeyAuthRule `yaml:"keyauth"`
	Secrets SecretSection `yaml:"secrets"`
	Roles   []Role        `yaml:"roles"`
	Checks  []Check       `yaml:"checks"`
	Infra   InfraSection  `yaml:"infra"`
	// Disable lists full rule ids to turn off. Only meaningful in a user
	// file; the ids stay known, so an ignore comment naming them is valid.
	Disable []PosString `yaml:"disable"`

	disabled map[string]bool
	docs     []RuleDoc      // sorted by id; built by validate
	docIndex map[string]int // id -> index in docs
}

const defaultName = "rules.yaml (embedded)"

// Default returns the embedded catalog. The embedded file is tested, so a
// failure here is a build defect, not user input.
func Default() *Catalog {
	c, err := Load("")
	if err != nil {
		panic("keyless: embedded rules.yaml is invalid: " + err.Error())
	}
	return c
}

// Load returns the embedded catalog with the file at userPath (if not
// empty) layered over it. Errors are *Error values carrying file:line:col,
// or an os error for an unreadable file.
func Load(userPath string) (*Catalog, error) {
	base, err := Parse(defaultName, keyless.DefaultRules)
	if err != nil {
		return nil, err
	}
	if userPath != "" {
		data, err := os.ReadFile(userPath)
		if err != nil {
			return nil, fmt.Errorf("reading rules: %w", err)
		}
		user, err := Parse(userPath, data)
		if err != nil {
			return nil, err
		}
		if err := base.merge(user); err != nil {
			return nil, err
		}
	}
	if err := base.validate(); err != nil {
		return nil, err
	}
	return base, nil
}

// Parse decodes one rules file strictly without merging or validating
// cross-entry constraints.
func Parse(file string, data []byte) (*Catalog, error) {
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return &Catalog{}, nil
		}
		return nil, yamlError(file, err)
	}
	c := new(Catalog)
	if len(root.Content) == 0 {
		return c, nil
	}
	d := decoder{file: file}
	v := reflect.ValueOf(c).Elem()
	if err := d.decode(root.Content[0], v); err != nil {
		return nil, err
	}
	d.setPositions(root.Content[0], v)
	if err := c.checkUniqueIDs(); err != nil {
		return nil, err
	}
	return c, nil
}

// checkUniqueIDs rejects a file that defines one id twice; across files a
// repeated id is an override, within one file it is a mistake.
func (c *Catalog) checkUniqueIDs() error {
	seen := map[string]Pos{}
	unique := func(id string, pos Pos) error {
		if id == "" {
			return errorf(pos, "entry has no id")
		}
		if prev, ok := seen[id]; ok {
			return errorf(pos, "duplicate rule id %q (first at %s)", id, prev)
		}
		seen[id] = pos
		return nil
	}
	for _, r := range c.KeyAuth {
		if err := unique(r.RuleID(), r.Pos); err != nil {
			return err
		}
	}
	for _, r := range c.Secrets.Rules {
		if err := unique(r.RuleID(), r.Pos); err != nil {
			return err
		}
	}
	for _, r := range c.Roles {
		if err := unique("role:"+r.Name, r.Pos); err != nil {
			return err
		}
	}
	for _, ch := range c.Checks {
		if err := unique(ch.ID, ch.Pos); err != nil {
			return err
		}
	}
	return nil
}

// yamlError turns yaml.v3's "yaml: line N: msg" into a positioned Error.
func yamlError(file string, err error) error {
	var line int
	var msg string
	if n, _ := fmt.Sscanf(err.Error(), "yaml: line %d:", &line); n == 1 {
		msg = err.Error()[len(fmt.Sprintf("yaml: line %d: ", line)):]
		return &Error{Pos: Pos{File: file, Line: line, Col: 1}, Msg: msg}
	}
	return &Error{Pos: Pos{File: file, Line: 1, Col: 1}, Msg: err.Error()}
}

// merge layers u over c: an entry with an id already present replaces it,
// a new id is appended, allowlists are extended.
func (c *Catalog) merge(u *Catalog) error {
	// The merged allowlist keeps the embedded one's position: check the
	// user's entries first, so that an error names the user's file.
	if err := u.Secrets.Allowlist.validate(); err != nil {
		return err
	}
	c.KeyAuth = mergeByID(c.KeyAuth, u.KeyAuth, func(r KeyAuthRule) string { return r.ID })
	c.Secrets.merge(u.Secrets)
	c.Roles = mergeByID(c.Roles, u.Roles, func(r Role) string { return r.Name })
	c.Checks = mergeByID(c.Checks, u.Checks, func(r Check) string { return r.ID })
	c.Infra.Services = mergeByID(c.Infra.Services, u.Infra.Services, func(s InfraService) string { return s.ID })
	c.Infra.Modules = mergeByID(c.Infra.Modules, u.Infra.Modules, func(m InfraModule) string { return m.Path })
	c.Disable = append(c.Disable, u.Disable...)
	return nil
}

func mergeByID[T any](base, over []T, id func(T) string) []T {
	index := map[string]int{}
	for i, r := range base {
		index[id(r)] = i
	}
	for _, r := range over {
		if i, ok := index[id(r)]; ok {
			base[i] = r
			continue
		}
		index[id(r)] = len(base)
		base = append(base, r)
	}
	return base
}

func (c *Catalog) validate() error {
	for i := range c.KeyAuth {
		if err := c.KeyAuth[i].validate(); err != nil {
			return err
		}
	}
	for i := range c.Secrets.Rules {
		if err := c.Secrets.Rules[i].validate(); err != nil {
			return err
		}
	}
	valueRules := map[string]bool{}
	for _, r := range c.Secrets.Rules {
		if r.Value != nil {
			valueRules[r.ID] = true
		}
	}
	for _, r := range c.KeyAuth {
		if r.KeySecret != "" && !valueRules[r.KeySecret] {
			return errorf(r.Pos, "keyauth rule %q: keySecret %q is not a secrets rule with a value: section", r.ID, r.KeySecret)
		}
	}
	if err := c.Secrets.Allowlist.validate(); err != nil {
		return err
	}
	for i := range c.Roles {
		if err := c.Roles[i].validate(); err != nil {
			return err
		}
	}
	if err := validateRoles(c.Roles); err != nil {
		return err
	}
	for _, ch := range c.Checks {
		if err := ch.Doc.validate(ch.Pos); err != nil {
			return err
		}
	}
	if err := c.Infra.validate(c); err != nil {
		return err
	}
	c.buildDocs()
	c.disabled = map[string]bool{}
	for _, id := range c.Disable {
		if !c.Known(id.Value) {
			return errorf(id.Pos, "cannot disable unknown rule %q", id.Value)
		}
		c.disabled[id.Value] = true
	}
	return nil
}

func (d Doc) validate(pos Pos) error {
	switch d.Severity {
	case SeverityError, SeverityWarning, SeverityNote:
	default:
		return errorf(pos, "severity must be error, warning or note, found %q", d.Severity)
	}
	if d.Title == "" {
		return errorf(pos, "rule has no title")
	}
	return nil
}

// Enabled reports whether the rule with this full id is on.
func (c *Catalog) Enabled(id string) bool { return !c.disabled[id] }

// Docs lists every rule keyless can report, sorted by id. It is the one
// source of `keyless explain`, `keyless rules` and SARIF tool.driver.rules.
func (c *Catalog) Docs() []RuleDoc { return c.docs }

// buildDocs indexes every rule's documentation once, when the catalog is
// validated: Known and Lookup run per diagnostic and per ignore comment.
func (c *Catalog) buildDocs() {
	var docs []RuleDoc
	for _, r := range c.KeyAuth {
		docs = append(docs, RuleDoc{ID: r.RuleID(), Doc: r.doc()})
	}
	docs = append(docs, c.Secrets.docs()...)
	for _, ch := range c.Checks {
		docs = append(docs, RuleDoc{ID: ch.ID, Doc: ch.Doc})
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	c.docs = docs
	c.docIndex = make(map[string]int, len(docs))
	for i, d := range docs {
		c.docIndex[d.ID] = i
	}
}

// Lookup returns the documentation of one rule by full id.
func (c *Catalog) Lookup(id string) (RuleDoc, bool) {
	i, ok := c.docIndex[id]
	if !ok {
		return RuleDoc{}, false
	}
	return c.docs[i], true
}

// Known reports whether id names a rule keyless can report.
func (c *Catalog) Known(id string) bool {
	_, ok := c.docIndex[id]
	return ok
}
