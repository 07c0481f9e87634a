// Package plugin is keyless's golangci-lint module plugin.
//
// Importing it registers a plugin named "keyless" with golangci-lint's
// module-plugin system (github.com/golangci/plugin-module-register). It
// exposes the keyless analyzers — keyauth, hardcodedsecret, broadrole and
// ignorecheck — under one golangci-lint linter named keyless; the git
// history pass is not a go/analysis pass and stays in the keyless CLI.
//
// Build a golangci-lint binary that contains it with
// scripts/build-custom-gcl.sh (from the Go module proxy alone) or
// `golangci-lint custom` (needs git access to github.com), then enable it in
// .golangci.yml (see .golangci.example.yml at the repository root):
//
//	version: "2"
//	linters:
//	  enable: [keyless]
//	  settings:
//	    custom:
//	      keyless:
//	        type: module   # required: the default type is "goplugin"
//	        settings:
//	          config: .keyless.yaml
//	          disable: [broadrole]
//	          secrets-in-tests: false
//
// Settings (every key is optional; an unknown key or a value of the wrong
// kind stops golangci-lint with an error naming it):
//
//	config   string   rules file layered over the embedded rules.yaml, exactly
//	                  as `keyless lint -config FILE`; a relative path is
//	                  resolved against the directory golangci-lint runs in.
//	enable   []string run only these analyzers (default: all of them).
//	disable  []string do not run these analyzers; applied after enable.
//	secrets-in-tests bool  report hardcoded secrets in _test.go files (as
//	                  hardcodedsecret/<id>-in-test); default true. Whether
//	                  test files are analysed at all is golangci-lint's
//	                  run.tests (the CLI's -tests). The former name of
//	                  this key, tests, is rejected with a pointer here.
//
// Analyzer names: keyauth, hardcodedsecret, broadrole, ignorecheck.
// Individual rules are turned off in the rules file (`disable:` by full
// rule id) or in code with `//keyless:ignore <rule-id> -- <reason>`;
// golangci-lint's own `//nolint:keyless` also works.
package plugin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/keyless-dev/keyless/analyzers"
	"github.com/keyless-dev/keyless/internal/rules"
)

// Name is the linter name users enable in .golangci.yml.
const Name = "keyless"

func init() {
	register.Plugin(Name, New)
}

// Settings are the plugin's settings, from
// linters.settings.custom.keyless.settings in .golangci.yml.
type Settings struct {
	// Config is a rules file layered over the embedded default.
	Config string `json:"config"`
	// Enable, when not empty, is the exact set of analyzers to run.
	Enable []string `json:"enable"`
	// Disable removes analyzers from the set.
	Disable []string `json:"disable"`
	// SecretsInTests reports hardcoded secrets found in _test.go files;
	// nil means true. (Whether test files are analysed at all is
	// golangci-lint's run.tests, as it is `keyless lint -tests` in the
	// CLI: "tests" means that one thing everywhere.)
	SecretsInTests *bool `json:"secrets-in-tests"`
}

// settingKeys are the JSON names of Settings' fields, matched exactly.
var settingKeys = []string{"config", "enable", "disable", "secrets-in-tests"}

// Plugin is the golangci-lint plugin instance built from one Settings.
type Plugin struct {
	settings Settings
	catalog  *rules.Catalog
	run      []analyzers.Def
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New decodes golangci-lint's raw settings strictly, loads the rule
// catalog once and selects the analyzers. Any problem is an error, which
// golangci-lint reports before linting anything.
func New(conf any) (register.LinterPlugin, error) {
	s, err := DecodeSettings(conf)
	if err != nil {
		return nil, err
	}
	run, err := selectAnalyzers(s)
	if err != nil {
		return nil, err
	}
	// Errors from rules.Load carry file:line:col.
	cat, err := rules.Load(s.Config)
	if err != nil {
		return nil, fmt.Errorf("keyless: rules: %w", err)
	}
	return &Plugin{settings: s, catalog: cat, run: run}, nil
}

// DecodeSettings decodes the raw settings golangci-lint hands the plugin.
// On top of register.DecodeSettings (which already rejects unknown
// fields), keys must match exactly: encoding/json would otherwise accept
// "Config" or "DISABLE" for config and disable.
func DecodeSettings(conf any) (Settings, error) {
	if err := checkKeys(conf); err != nil {
		return Settings{}, err
	}
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return Settings{}, fmt.Errorf("keyless: settings: %w (known keys: %s)", err, strings.Join(settingKeys, ", "))
	}
	return s, nil
}

// checkKeys rejects keys that are not spelled exactly as documented.
func checkKeys(conf any) error {
	if conf == nil {
		return nil
	}
	raw, err := json.Marshal(conf)
	if err != nil {
		return fmt.Errorf("keyless: settings: %w", err)
	}
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return fmt.Errorf("keyless: settings must be a mapping of %s: %w", strings.Join(settingKeys, ", "), err)
	}
	var unknown []string
	if _, ok := m["tests"]; ok {
		// tests meant "secrets in tests" here but "load test files" in
		// golangci-lint and the CLI; the key was renamed, not dropped.
		return fmt.Errorf(`keyless: settings: "tests" is now "secrets-in-tests" (whether test files are analysed at all is golangci-lint's run.tests)`)
	}
	for k := range m {
		if !slices.Contains(settingKeys, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("keyless: settings: unknown key %q (known keys: %s)", unknown[0], strings.Join(settingKeys, ", "))
	}
	return nil
}

// selectAnalyzers applies enable then disable (analyzers.Select, as the
// CLI's per-analyzer flags do).
func selectAnalyzers(s Settings) ([]analyzers.Def, error) {
	run, err := analyzers.Select(s.Enable, s.Disable)
	if errors.Is(err, analyzers.ErrNoAnalyzers) {
		return nil, fmt.Errorf("keyless: settings: %w; remove keyless from linters.enable instead", err)
	}
	if err != nil {
		return nil, fmt.Errorf("keyless: settings: %w", err)
	}
	return run, nil
}

// BuildAnalyzers returns fresh analyzers sharing the plugin's catalog.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	opts := analyzers.Options{Catalog: p.catalog}
	out := make([]*analysis.Analyzer, 0, len(p.run))
	for _, def := range p.run {
		a := def.New(opts)
		if def.Name == "hardcodedsecret" && p.settings.SecretsInTests != nil && !*p.settings.SecretsInTests {
			a = skipTestFiles(a)
		}
		out = append(out, a)
	}
	return out, nil
}

// GetLoadMode: every keyless analyzer matches callees by type.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
