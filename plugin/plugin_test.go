package plugin_test

import (
	"go/ast"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keyless-dev/keyless/analyzers"
	"github.com/keyless-dev/keyless/plugin"
)

// newPlugin goes through golangci-lint's registry, as the host does.
func newPlugin(t *testing.T, conf any) (register.LinterPlugin, error) {
	t.Helper()
	np, err := register.GetPlugin("keyless")
	if err != nil {
		t.Fatalf("plugin not registered: %v", err)
	}
	return np(conf)
}

func names(t *testing.T, p register.LinterPlugin) []string {
	t.Helper()
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range as {
		if err := analysis.Validate([]*analysis.Analyzer{a}); err != nil {
			t.Fatalf("analyzer %s: %v", a.Name, err)
		}
		out = append(out, a.Name)
	}
	return out
}

func TestDefaults(t *testing.T) {
	for _, conf := range []any{nil, map[string]any{}} {
		p, err := newPlugin(t, conf)
		if err != nil {
			t.Fatalf("settings %v: %v", conf, err)
		}
		if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
			t.Errorf("load mode %q, want %q", got, register.LoadModeTypesInfo)
		}
		if got, want := names(t, p), analyzers.Names(); !slices.Equal(got, want) {
			t.Errorf("settings %v: analyzers %q, want all %q", conf, got, want)
		}
	}
}

func TestSettingsStrict(t *testing.T) {
	for _, tc := range []struct {
		name string
		conf any
		want string // substring of the error
	}{
		{"unknown key", map[string]any{"confg": "x.yaml"}, `unknown key "confg"`},
		{"case-folded key", map[string]any{"Config": "x.yaml"}, `unknown key "Config"`},
		{"wrong kind", map[string]any{"secrets-in-tests": "no"}, "secrets-in-tests"},
		{"renamed key", map[string]any{"tests": false}, `"tests" is now "secrets-in-tests"`},
		{"list expected", map[string]any{"disable": "broadrole"}, "disable"},
		{"not a mapping", []any{"config"}, "mapping"},
		{"unknown analyzer", map[string]any{"disable": []any{"keyauht"}}, `unknown analyzer "keyauht"`},
		{"enabled and disabled", map[string]any{"enable": []any{"ignorecheck"}, "disable": []any{"ignorecheck"}}, "both enabled and disabled"},
		{"all disabled", map[string]any{"disable": toAny(analyzers.Names())}, "every analyzer is disabled"},
		{"missing rules file", map[string]any{"config": filepath.Join(t.TempDir(), "nope.yaml")}, "nope.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newPlugin(t, tc.conf)
			if err == nil {
				t.Fatalf("settings %v: no error", tc.conf)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("settings %v: error %q does not mention %q", tc.conf, err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "keyless: ") {
				t.Errorf("error %q should say it comes from keyless", err)
			}
		})
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// A bad rules file stops golangci-lint with the file's position.
func TestBadRulesFile(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "rules.yaml")
	if err := os.WriteFile(cfg, []byte("checks:\n  - id: team/x\n    title: t\n    severity: fatal\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := newPlugin(t, map[string]any{"config": cfg})
	if err == nil || !strings.Contains(err.Error(), "rules.yaml:2:") {
		t.Fatalf("bad rules file: error %v, want one with rules.yaml:2:<col>", err)
	}
}

func TestEnableDisable(t *testing.T) {
	all := analyzers.Names()
	if !slices.Contains(all, "ignorecheck") {
		t.Fatalf("analyzers.All lacks ignorecheck: %q", all)
	}
	p, err := newPlugin(t, map[string]any{"enable": []any{"ignorecheck"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(t, p); !slices.Equal(got, []string{"ignorecheck"}) {
		t.Errorf("enable [ignorecheck]: got %q", got)
	}
	p, err = newPlugin(t, map[string]any{"disable": []any{"ignorecheck"}})
	if len(all) == 1 {
		if err == nil {
			t.Fatal("disabling the only analyzer: no error")
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	want := slices.DeleteFunc(slices.Clone(all), func(n string) bool { return n == "ignorecheck" })
	if got := names(t, p); !slices.Equal(got, want) {
		t.Errorf("disable [ignorecheck]: got %q, want %q", got, want)
	}
}

func pluginAnalyzer(t *testing.T, conf map[string]any, name string) *analysis.Analyzer {
	t.Helper()
	p, err := newPlugin(t, conf)
	if err != nil {
		t.Fatal(err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		if a.Name == name {
			return a
		}
	}
	t.Fatalf("no analyzer %s in %v", name, conf)
	return nil
}

// The rules file is layered over the embedded catalog: a team rule
// becomes known and a disabled rule stops reporting.
func TestConfigLayering(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "team.yaml")
	body := "checks:\n  - id: team/custom\n    title: Team rule\n    severity: note\ndisable:\n  - ignore/missing-reason\n"
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), pluginAnalyzer(t, nil, "ignorecheck"), "plain")
	analysistest.Run(t, analysistest.TestData(), pluginAnalyzer(t, map[string]any{"config": cfg}, "ignorecheck"), "layered")
}

// everyVar reports each package-level var, in test files too.
var everyVar = &analysis.Analyzer{
	Name: "everyvar",
	Doc:  "report every package-level var",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			if !strings.HasSuffix(pass.Fset.File(f.Pos()).Name(), ".go") {
				continue // the generated test main
			}
			for _, d := range f.Decls {
				if g, ok := d.(*ast.GenDecl); ok {
					for _, s := range g.Specs {
						if v, ok := s.(*ast.ValueSpec); ok {
							pass.Reportf(v.Pos(), "every-var: %s", v.Names[0].Name)
						}
					}
				}
			}
		}
		return nil, nil
	},
}

// secrets-in-tests: false drops hardcodedsecret's findings in _test.go files and
// nothing else.
func TestSkipTestFiles(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), everyVar, "alltests")
	analysistest.Run(t, analysistest.TestData(), plugin.SkipTestFiles(everyVar), "skiptests")
}

func analyzersNames() []string { return analyzers.Names() }
