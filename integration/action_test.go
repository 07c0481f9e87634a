package integration

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/keyless-dev/keyless/internal/secrets/corpus"
)

type actionStep struct {
	Name             string            `yaml:"name"`
	ID               string            `yaml:"id"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	Shell            string            `yaml:"shell"`
	Run              string            `yaml:"run"`
	WorkingDirectory string            `yaml:"working-directory"`
	Env              map[string]string `yaml:"env"`
	With             map[string]string `yaml:"with"`
}

// actionFile is GitHub's action metadata syntax; decoding it with known
// fields only catches misspelt keys.
type actionFile struct {
	Name        string            `yaml:"name"`
	Description string            `yaml:"description"`
	Author      string            `yaml:"author"`
	Branding    map[string]string `yaml:"branding"`
	Inputs      map[string]struct {
		Description string `yaml:"description"`
		Default     string `yaml:"default"`
		Required    bool   `yaml:"required"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

func loadAction(t *testing.T) actionFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

func (a actionFile) step(t *testing.T, pred func(actionStep) bool, what string) actionStep {
	t.Helper()
	for _, s := range a.Runs.Steps {
		if pred(s) {
			return s
		}
	}
	t.Fatalf("action.yml has no %s step", what)
	return actionStep{}
}

// The action's shape: a composite action whose inputs are documented,
// that uploads one SARIF per mode under its own category and feeds
// reviewdog rdjsonl.
func TestActionShape(t *testing.T) {
	a := loadAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using %q, want composite", a.Runs.Using)
	}
	for _, in := range []string{"version", "mode", "fail-on", "reviewdog", "github-token", "working-directory"} {
		if _, ok := a.Inputs[in]; !ok {
			t.Errorf("input %q missing", in)
		}
	}
	for name, in := range a.Inputs {
		if strings.TrimSpace(in.Description) == "" {
			t.Errorf("input %q has no description", name)
		}
	}
	exprRe := regexp.MustCompile(`\$\{\{\s*inputs\.([a-z-]+)\s*\}\}`)
	for _, s := range a.Runs.Steps {
		if s.Uses == "" && s.Shell != "bash" {
			t.Errorf("step %q: run steps of a composite action need shell: bash", s.Name)
		}
		var refs []string
		for _, v := range s.Env {
			refs = append(refs, v)
		}
		for _, v := range s.With {
			refs = append(refs, v)
		}
		refs = append(refs, s.If, s.Run)
		for _, r := range refs {
			for _, m := range exprRe.FindAllStringSubmatch(r, -1) {
				if _, ok := a.Inputs[m[1]]; !ok {
					t.Errorf("step %q uses undefined input %q", s.Name, m[1])
				}
			}
			if strings.Contains(r, "${{") && s.Run != "" && r == s.Run {
				t.Errorf("step %q interpolates ${{ }} into its script; pass values through env", s.Name)
			}
		}
	}
	cats := map[string]string{}
	for _, s := range a.Runs.Steps {
		if strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@") {
			cats[s.With["category"]] = s.With["sarif_file"]
		}
	}
	if !strings.Contains(cats["keyless-lint"], "lint-sarif") || !strings.Contains(cats["keyless-history"], "history-sarif") ||
		!strings.Contains(cats["keyless-infra"], "infra-sarif") {
		t.Errorf("want one upload-sarif per mode with categories keyless-lint, keyless-history and keyless-infra, got %v", cats)
	}
	rd := a.step(t, func(s actionStep) bool { return strings.HasPrefix(s.Uses, "reviewdog/action-setup@") }, "reviewdog setup")
	if rd.With["reviewdog_version"] == "" {
		t.Error("reviewdog version not pinned")
	}
	runStep := a.step(t, func(s actionStep) bool { return s.ID == "run" }, "run")
	for _, want := range []string{"sarif:", "github:", "rdjsonl:", "-new-from-rev", "-log-opts", "-f=rdjsonl", "-filter-mode="} {
		if !strings.Contains(runStep.Run, want) {
			t.Errorf("run step does not use %q", want)
		}
	}
}

// stubReviewdog records each call: its arguments, working directory and
// standard input.
const stubReviewdog = `#!/bin/sh
n=$(ls "$STUB_DIR" | wc -l)
{ pwd; printf '%s\n' "$@"; } > "$STUB_DIR/call$n.args"
cat > "$STUB_DIR/call$n.stdin"
`

// The run step of action.yml, executed as GitHub would on a pull
// request whose module sits in a subdirectory: it lints only the changed
// lines, scans only the pull request's commits, writes SARIF with
// repository-relative paths, prints capped annotations with a summary,
// feeds reviewdog rdjsonl from the right directory, and fails on errors.
func TestActionRunStep(t *testing.T) {
	jq := needTool(t, "jq", "apt-get install jq")
	a := loadAction(t)
	install := a.step(t, func(s actionStep) bool { return s.Name == "Install keyless" }, "install")
	runStep := a.step(t, func(s actionStep) bool { return s.ID == "run" }, "run")

	tmp := t.TempDir()
	runner := filepath.Join(tmp, "runner")
	stubs := filepath.Join(tmp, "stubs")
	calls := filepath.Join(tmp, "calls")
	for _, d := range []string{runner, stubs, calls} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, stubs, "reviewdog", stubReviewdog)
	os.Chmod(filepath.Join(stubs, "reviewdog"), 0o755)

	// Install step: builds keyless from the action's own checkout.
	ghPath := filepath.Join(tmp, "github_path")
	inst := run(t, repoRoot, []string{"KEYLESS_VERSION=", "RUNNER_TEMP=" + runner, "GITHUB_PATH=" + ghPath,
		"GITHUB_ACTION_PATH=" + repoRoot}, "bash", "-c", install.Run)
	if inst.code != 0 {
		t.Fatalf("install step: %s", inst)
	}
	binDir, _ := os.ReadFile(ghPath)
	kl := filepath.Join(strings.TrimSpace(string(binDir)), "keyless")
	if _, err := os.Stat(kl); err != nil {
		t.Fatalf("install step put no keyless in GITHUB_PATH: %v", err)
	}

	// The repository: the module in svc/, a base commit, then the pull
	// request's commit adding a key-based client and a planted key.
	repo := filepath.Join(tmp, "repo")
	mod := filepath.Join(repo, "svc")
	copyTree(t, e2eModule(t), mod)
	git(t, repo, "init", "-q", "-b", "main")
	git(t, repo, "add", "-A")
	git(t, repo, "commit", "-q", "-m", "base")
	base := git(t, repo, "rev-parse", "HEAD")
	key := corpus.New(7).AWSKeyID()
	writeFile(t, mod, "added/added.go", addedCall)
	writeFile(t, repo, "deploy/app.env", "AWS_ACCESS_KEY_ID="+key+"\n")
	writeFile(t, mod, "infra/main.bicep", broadRoleBicep)
	git(t, repo, "add", "-A")
	git(t, repo, "commit", "-q", "-m", "pull request")
	head := git(t, repo, "rev-parse", "HEAD")

	ghOut := filepath.Join(tmp, "github_output")
	env := map[string]string{
		"MODE": "all", "PACKAGES": "./...", "CONFIG": "", "FAIL_ON": "error", "ANNOTATIONS": "true",
		"REVIEWDOG": "true", "REVIEWDOG_REPORTER": "github-pr-review", "REVIEWDOG_FILTER_MODE": "added",
		"REVIEWDOG_GITHUB_API_TOKEN": "t0ken", "INPUT_BASE": "", "INPUT_HEAD": "",
		"PR_BASE": base, "PR_HEAD": head, "PUSH_BEFORE": "",
	}
	// The test sets exactly the variables the step declares.
	var declared, given []string
	for k := range runStep.Env {
		declared = append(declared, k)
	}
	for k := range env {
		given = append(given, k)
	}
	sort.Strings(declared)
	sort.Strings(given)
	if strings.Join(declared, " ") != strings.Join(given, " ") {
		t.Fatalf("run step env %v, test sets %v", declared, given)
	}
	envList := []string{
		"PATH=" + filepath.Dir(kl) + string(os.PathListSeparator) + stubs + string(os.PathListSeparator) +
			filepath.Dir(jq) + string(os.PathListSeparator) + os.Getenv("PATH"),
		"RUNNER_TEMP=" + runner, "GITHUB_OUTPUT=" + ghOut, "GITHUB_SHA=" + head, "STUB_DIR=" + calls,
	}
	for k, v := range env {
		envList = append(envList, k+"="+v)
	}
	envList = append(envList, gitEnv...)
	r := run(t, mod, envList, "bash", "-c", runStep.Run)
	if r.code != 1 {
		t.Fatalf("run step: want exit 1 (findings at fail-on=error), got %s", r)
	}
	for _, s := range []string{r.stdout, r.stderr} {
		if strings.Contains(s, key) {
			t.Fatal("the run step printed the planted key")
		}
	}

	outputs := map[string]string{}
	data, _ := os.ReadFile(ghOut)
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			outputs[k] = v
		}
	}
	if outputs["findings"] == "" || outputs["findings"] == "0" {
		t.Errorf("findings output %q, want the count of error findings", outputs["findings"])
	}

	// Lint SARIF: only the pull request's line, path relative to the repo.
	lintData, err := os.ReadFile(outputs["lint-sarif"])
	if err != nil {
		t.Fatalf("lint-sarif output: %v", err)
	}
	lint := checkGitHubSARIF(t, "action lint.sarif", lintData, "lint", func(uri string) bool {
		_, err := os.Stat(filepath.Join(repo, filepath.FromSlash(uri)))
		return err == nil
	})
	var lintHits []string
	for _, res := range lint.Runs[0].Results {
		if len(res.Suppressions) == 0 {
			lintHits = append(lintHits, res.RuleID+" "+res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		}
	}
	if strings.Join(lintHits, ",") != "keyauth/azopenai-key-credential svc/added/added.go" {
		t.Errorf("lint SARIF results %v, want only the pull request's key-based client at svc/added/added.go", lintHits)
	}

	// History SARIF: only the pull request's commit.
	histData, err := os.ReadFile(outputs["history-sarif"])
	if err != nil {
		t.Fatalf("history-sarif output: %v", err)
	}
	if strings.Contains(string(histData), key) {
		t.Error("history SARIF holds the key in clear")
	}
	hist := checkGitHubSARIF(t, "action history.sarif", histData, "history", nil)
	var histHits []string
	for _, res := range hist.Runs[0].Results {
		histHits = append(histHits, res.RuleID+" "+res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	}
	if len(histHits) != 1 || !strings.HasSuffix(histHits[0], " deploy/app.env") {
		t.Errorf("history SARIF results %v, want the planted key in deploy/app.env", histHits)
	}

	// Infra SARIF: the template's finding, path relative to the repo.
	infraData, err := os.ReadFile(outputs["infra-sarif"])
	if err != nil {
		t.Fatalf("infra-sarif output: %v", err)
	}
	inf := checkGitHubSARIF(t, "action infra.sarif", infraData, "infra", func(uri string) bool {
		_, err := os.Stat(filepath.Join(repo, filepath.FromSlash(uri)))
		return err == nil
	})
	var infraHits []string
	for _, res := range inf.Runs[0].Results {
		infraHits = append(infraHits, res.RuleID+" "+res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	}
	if strings.Join(infraHits, ",") != "infra/broad-role svc/infra/main.bicep" {
		t.Errorf("infra SARIF results %v, want infra/broad-role at svc/infra/main.bicep", infraHits)
	}

	// Annotations: repository-relative files, and a summary line.
	ann := regexp.MustCompile(`(?m)^::(error|warning|notice) file=([^,]+),`)
	files := map[string]bool{}
	for _, m := range ann.FindAllStringSubmatch(r.stdout, -1) {
		files[m[2]] = true
	}
	if !files["svc/added/added.go"] || !files["deploy/app.env"] || !files["svc/infra/main.bicep"] || len(files) != 3 {
		t.Errorf("annotated files %v, want svc/added/added.go, deploy/app.env and svc/infra/main.bicep\n%s", files, r.stdout)
	}
	if n := strings.Count(r.stdout, "::notice title=keyless::"); n != 3 {
		t.Errorf("%d summary lines, want one per mode\n%s", n, r.stdout)
	}

	// reviewdog: one call per mode, rdjsonl on stdin, run from the
	// directory its paths are relative to.
	entries, _ := os.ReadDir(calls)
	byName := map[string][]string{}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".args") {
			continue
		}
		args, _ := os.ReadFile(filepath.Join(calls, e.Name()))
		lines := strings.Split(strings.TrimSpace(string(args)), "\n")
		stdin, _ := os.ReadFile(filepath.Join(calls, strings.TrimSuffix(e.Name(), ".args")+".stdin"))
		if strings.Contains(string(stdin), key) {
			t.Error("reviewdog input holds the key in clear")
		}
		sc := bufio.NewScanner(strings.NewReader(string(stdin)))
		var paths []string
		for sc.Scan() {
			var d rdDiag
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				t.Fatalf("reviewdog input is not rdjsonl: %v", err)
			}
			if _, err := os.Stat(filepath.Join(lines[0], filepath.FromSlash(d.Location.Path))); err != nil {
				t.Errorf("reviewdog runs in %s but the path %s is not there", lines[0], d.Location.Path)
			}
			paths = append(paths, d.Location.Path)
		}
		for _, a := range lines[1:] {
			if strings.HasPrefix(a, "-name=") {
				byName[strings.TrimPrefix(a, "-name=")] = append(lines[1:], paths...)
			}
		}
		for _, want := range []string{"-f=rdjsonl", "-reporter=github-pr-review", "-filter-mode=added"} {
			if !strings.Contains(string(args), want+"\n") {
				t.Errorf("reviewdog called without %s: %q", want, lines[1:])
			}
		}
	}
	if len(byName["keyless-lint"]) == 0 || len(byName["keyless-history"]) == 0 || len(byName["keyless-infra"]) == 0 {
		t.Errorf("reviewdog calls %v, want keyless-lint, keyless-history and keyless-infra", byName)
	}
}
