package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultCatalogIsValid(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Docs()) == 0 {
		t.Fatal("default catalog documents no rules")
	}
	for _, d := range c.Docs() {
		if d.Title == "" || d.Severity == "" {
			t.Errorf("%s: missing title or severity", d.ID)
		}
	}
}

func TestUserFileErrorsCarryPosition(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"syntax", "keyauth: [\n  - id: x\n", "user.yaml:"},
		{"unknown key", "keyauth:\n  - id: x\n    titel: y\n", "user.yaml:3:5: unknown key \"titel\""},
		{"wrong kind", "keyauth: 3\n", "user.yaml:1:10: expected a list"},
		{"bad regex", "secrets:\n  rules:\n    - id: x\n      title: t\n      severity: error\n      regex: '(['\n", "user.yaml:3:7: secret rule \"x\": bad regex"},
		{"duplicate id", "checks:\n  - id: a/b\n    title: t\n    severity: note\n  - id: a/b\n    title: t\n    severity: note\n", "user.yaml:5:5: duplicate rule id \"a/b\""},
		{"bad severity", "checks:\n  - id: a/b\n    title: t\n    severity: fatal\n", "user.yaml:2:5: severity must be"},
		{"unknown disable", "disable:\n  - keyauth/nope\n", "user.yaml:2:5: cannot disable unknown rule"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "user.yaml")
			if err := os.WriteFile(p, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Load(p)
			if err == nil {
				t.Fatalf("Load accepted invalid file")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

func TestUserFileOverridesAndDisables(t *testing.T) {
	p := filepath.Join(t.TempDir(), "user.yaml")
	body := `keyauth:
  - id: inhouse-wrapper
    title: In-house client built with a key
    severity: warning
    service: Azure OpenAI
    funcs: [example.com/ai.NewKeyClient]
    keyArg: 0
disable:
  - ignore/missing-reason
`
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Known("keyauth/inhouse-wrapper") || !c.Known("keyauth/azopenai-key-credential") {
		t.Fatal("user entry not layered over default")
	}
	if c.Enabled("ignore/missing-reason") {
		t.Fatal("disable had no effect")
	}
	if !c.Known("ignore/missing-reason") {
		t.Fatal("a disabled rule must stay known")
	}
}

// Every built-in secret rule says how to rotate its kind of key.
func TestBuiltinSecretRulesHaveRemedy(t *testing.T) {
	for _, r := range Default().Secrets.Rules {
		if strings.TrimSpace(r.Remedy) == "" {
			t.Errorf("%s: no remedy in rules.yaml", r.ID)
		}
	}
}
