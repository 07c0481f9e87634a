package integration

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/keyless-dev/keyless/internal/fixreview"
)

// gclIssue is one issue of `golangci-lint run --output.json.path`.
type gclIssue struct {
	FromLinter string `json:"FromLinter"`
	Text       string `json:"Text"`
	Pos        struct {
		Filename string `json:"Filename"`
		Line     int    `json:"Line"`
	} `json:"Pos"`
	SuggestedFixes []json.RawMessage `json:"SuggestedFixes"`
}

// customGCL builds golangci-lint with the keyless plugin exactly as the
// README says (scripts/build-custom-gcl.sh with the shipped
// .custom-gcl.yml), from the Go module proxy, or takes a binary built
// that way from $KEYLESS_GCL_BIN. The build takes minutes: it runs in CI
// and locally only with KEYLESS_GCL=1.
func customGCL(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("KEYLESS_GCL_BIN"); p != "" {
		return p
	}
	if testing.Short() {
		t.Skip("golangci-lint custom build: skipped with -short")
	}
	if !inCI() && os.Getenv("KEYLESS_GCL") != "1" {
		t.Skip("golangci-lint custom build takes minutes: set KEYLESS_GCL=1 (CI always runs it)")
	}
	needTool(t, "bash", "apt-get install bash")
	out := filepath.Join(t.TempDir(), "custom-gcl")
	start := time.Now()
	r := run(t, repoRoot, nil, "bash", filepath.Join(repoRoot, "scripts", "build-custom-gcl.sh"),
		"-c", filepath.Join(repoRoot, ".custom-gcl.yml"), "-o", out)
	if r.code != 0 {
		t.Fatalf("scripts/build-custom-gcl.sh: %s", r)
	}
	t.Logf("custom golangci-lint built in %s", time.Since(start).Round(time.Second))
	return out
}

func gclRun(t *testing.T, gcl, dir string, args ...string) ([]gclIssue, result) {
	t.Helper()
	report := filepath.Join(t.TempDir(), "report.json")
	env := []string{"GOLANGCI_LINT_CACHE=" + filepath.Join(t.TempDir(), "gcl-cache"), "GOFLAGS=-mod=readonly"}
	full := append([]string{"run", "--config", ".golangci.yml", "--enable-only", "keyless",
		"--output.json.path", report, "--output.text.path", "stderr", "--max-issues-per-linter", "0",
		"--max-same-issues", "0"}, args...)
	r := run(t, dir, env, gcl, append(full, "./...")...)
	if r.code != 0 && r.code != 1 {
		t.Fatalf("golangci-lint %s: %s", strings.Join(args, " "), r)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatalf("golangci-lint wrote no JSON report: %v\n%s", err, r)
	}
	var rep struct{ Issues []gclIssue }
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("golangci-lint JSON report: %v", err)
	}
	return rep.Issues, r
}

// The shipped .custom-gcl.yml and .golangci.example.yml, built into
// golangci-lint from the module proxy: keyless reports on the
// end-to-end module, --fix applies its fixes, and the result builds.
func TestGolangciLintPlugin(t *testing.T) {
	gcl := customGCL(t)
	if v := run(t, repoRoot, nil, gcl, "version"); v.code != 0 || !strings.Contains(v.stdout+v.stderr, "2.15.0") {
		t.Fatalf("custom-gcl version: %s", v)
	}

	dir := filepath.Join(t.TempDir(), "e2e")
	copyTree(t, e2eModule(t), dir)
	cfg, err := os.ReadFile(filepath.Join(repoRoot, ".golangci.example.yml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, ".golangci.yml", string(cfg))

	issues, r := gclRun(t, gcl, dir)
	if r.code != 1 {
		t.Fatalf("golangci-lint on the end-to-end module: want exit 1 (issues), got %s", r)
	}
	byRule := map[string]int{}
	fixable := 0
	for _, is := range issues {
		if is.FromLinter != "keyless" {
			t.Errorf("issue from %q with --enable-only keyless", is.FromLinter)
			continue
		}
		// golangci-lint prefixes analyzer names: "keyauth: keyauth/...: msg"
		_, rest, _ := strings.Cut(is.Text, ": ")
		rule, _, _ := strings.Cut(rest, ": ")
		byRule[rule]++
		if len(is.SuggestedFixes) > 0 {
			fixable++
		}
		if strings.Contains(is.Pos.Filename, "chat/chat.go") && is.Pos.Line > 0 {
			src, _ := os.ReadFile(filepath.Join(dir, is.Pos.Filename))
			lines := strings.Split(string(src), "\n")
			if is.Pos.Line <= len(lines) && strings.Contains(lines[is.Pos.Line-1], "suppressed:") {
				t.Errorf("golangci-lint reports a finding suppressed by //keyless:ignore: %s", is.Text)
			}
		}
	}
	t.Logf("keyless issues under golangci-lint: %v (%d with fixes)", byRule, fixable)
	for _, want := range []string{"keyauth/azopenai-key-credential", "ignore/missing-reason"} {
		if byRule[want] == 0 {
			t.Errorf("no %s issue under golangci-lint; got %v", want, byRule)
		}
	}
	if fixable == 0 {
		t.Fatal("no keyless issue carries a suggested fix under golangci-lint")
	}

	// --fix, then the module still builds and the fixed findings are gone.
	if _, r := gclRun(t, gcl, dir, "--fix"); r.code > 1 {
		t.Fatalf("golangci-lint --fix: %s", r)
	}
	if b := run(t, dir, nil, "go", "build", "./..."); b.code != 0 {
		t.Fatalf("after golangci-lint --fix the module does not build: %s", b)
	}
	if v := run(t, dir, nil, "go", "vet", "./..."); v.code != 0 {
		t.Errorf("after golangci-lint --fix go vet fails: %s", v)
	}
	// The reviewer's checklist on every file --fix changed: golangci-lint
	// must coalesce the identical credential declarations of two fixes
	// in one function (storage/mirror.go) as x/tools does.
	probs, changed, err := fixreview.CheckTree(e2eModule(t), dir)
	for _, p := range probs {
		t.Errorf("a reviewer would send this --fix back: %s", p)
	}
	if err != nil || changed == 0 {
		t.Errorf("reviewing --fix: %v (%d files changed)", err, changed)
	}
	after, _ := gclRun(t, gcl, dir)
	for _, is := range after {
		if len(is.SuggestedFixes) > 0 {
			t.Errorf("still fixable after --fix: %s:%d %s", is.Pos.Filename, is.Pos.Line, is.Text)
		}
	}
	if len(after) >= len(issues) {
		t.Errorf("--fix removed nothing: %d issues before, %d after", len(issues), len(after))
	}
}

// The settings in .golangci.yml reach the plugin, strictly: a misspelt
// key stops golangci-lint with the key's name.
func TestGolangciLintPluginSettings(t *testing.T) {
	gcl := customGCL(t)
	dir := filepath.Join(t.TempDir(), "mod")
	writeFile(t, dir, "go.mod", "module example.com/mod\n\ngo 1.22\n")
	writeFile(t, dir, "m.go", "package m\n\nfunc F() {\n\t//keyless:ignore keyauth/nope -- typo\n\t_ = 1\n}\n")
	cfg := func(settings string) {
		writeFile(t, dir, ".golangci.yml", `version: "2"
linters:
  default: none
  enable: [keyless]
  settings:
    custom:
      keyless:
        type: module
        settings:
`+settings)
	}

	cfg("          enable: [ignorecheck]\n          secrets-in-tests: false\n")
	issues, r := gclRun(t, gcl, dir)
	if r.code != 1 || len(issues) != 1 || !strings.Contains(issues[0].Text, "ignore/unknown-rule") {
		t.Fatalf("want one ignore/unknown-rule issue, got %v\n%s", issues, r)
	}

	cfg("          disable: [ignorecheck]\n")
	if issues, r := gclRun(t, gcl, dir); r.code != 0 || len(issues) != 0 {
		t.Fatalf("disable: [ignorecheck] should silence it, got %v\n%s", issues, r)
	}

	cfg("          disabel: [ignorecheck]\n")
	env := []string{"GOLANGCI_LINT_CACHE=" + filepath.Join(t.TempDir(), "gcl-cache")}
	bad := run(t, dir, env, gcl, "run", "--config", ".golangci.yml", "./...")
	if bad.code == 0 || !strings.Contains(bad.stdout+bad.stderr, "disabel") {
		t.Fatalf("misspelt setting: want an error naming it, got %s", bad)
	}
}
