package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/rules"
)

func TestExplain(t *testing.T) {
	code, out, errOut := runCLI(t, "explain", "keyauth/azopenai-key-credential")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	d, _ := rules.Default().Lookup("keyauth/azopenai-key-credential")
	for _, want := range []string{
		"keyauth/azopenai-key-credential: " + d.Title,
		"Severity: " + d.Severity,
		"CWE:      " + d.CWE,
		strings.TrimSpace(d.Why),
		"Before:", "NewClientWithKeyCredential",
		"After:", "azidentity.NewDefaultAzureCredential",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain output lacks %q:\n%s", want, out)
		}
	}
	// The same function renders the SARIF help.
	if out != report.HelpText(d) {
		t.Errorf("explain output differs from the SARIF help text")
	}
	// A rule name without its analyzer is accepted when unambiguous.
	if code, out2, _ := runCLI(t, "explain", "azopenai-key-credential"); code != 0 || out2 != out {
		t.Errorf("explain by short name: exit %d, same output %v", code, out2 == out)
	}
}

func TestExplainErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"explain", "keyauth/nope"}, `unknown rule "keyauth/nope"`},
		{[]string{"explain"}, "usage: keyless explain"},
		{[]string{"explain", "a", "b"}, "usage: keyless explain"},
		{[]string{"explain", "-config", "/nonexistent/rules.yaml", "keyauth/azopenai-key-credential"}, "reading rules"},
	} {
		code, _, errOut := runCLI(t, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}

func TestRules(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(cfg, []byte("disable:\n  - ignore/missing-reason\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "rules", "-config", cfg)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(rules.Default().Docs()) {
		t.Errorf("%d lines, want one per rule (%d)", len(lines), len(rules.Default().Docs()))
	}
	for _, want := range []string{"ignore/unknown-rule", "keyauth/azopenai-key-credential"} {
		if !strings.Contains(out, want+" ") {
			t.Errorf("rules output lacks %s", want)
		}
	}
	var disabled string
	for _, l := range lines {
		if strings.HasPrefix(l, "ignore/missing-reason ") {
			disabled = l
		}
	}
	if !strings.HasSuffix(disabled, "(disabled)") {
		t.Errorf("disabled rule line %q", disabled)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI(t, "version")
	if code != 0 || !strings.HasPrefix(out, "keyless devel (go") {
		t.Errorf("version: exit %d, %q", code, out)
	}
}

func TestIsVetTool(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"-V=full"}, true},
		{[]string{"-flags"}, true},
		{[]string{"/tmp/go-build123/b001/vet.cfg"}, true},
		{[]string{"-keyauth=false", "-json", "/tmp/b001/vet.cfg"}, true},
		{[]string{"lint", "x.cfg"}, false},
		{[]string{"lint"}, false},
		{nil, false},
		{[]string{"explain", "-V"}, false},
	} {
		if got := isVetTool(tc.args); got != tc.want {
			t.Errorf("isVetTool(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}
