package integration

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/keyless-dev/keyless/testdata/historyrepo"
)

// The subset of SARIF 2.1.0 that GitHub code scanning reads.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool struct {
		Driver struct {
			Name            string      `json:"name"`
			Version         string      `json:"version"`
			SemanticVersion string      `json:"semanticVersion"`
			Rules           []sarifRule `json:"rules"`
		} `json:"driver"`
	} `json:"tool"`
	AutomationDetails *struct {
		ID string `json:"id"`
	} `json:"automationDetails"`
	Results []sarifResult `json:"results"`
}

type sarifRule struct {
	ID               string `json:"id"`
	ShortDescription struct {
		Text string `json:"text"`
	} `json:"shortDescription"`
	Help *struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	} `json:"help"`
	Properties map[string]any `json:"properties"`
}

type sarifResult struct {
	RuleID    string `json:"ruleId"`
	RuleIndex *int   `json:"ruleIndex"`
	Level     string `json:"level"`
	Message   struct {
		Text string `json:"text"`
	} `json:"message"`
	Locations []struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI       string `json:"uri"`
				URIBaseID string `json:"uriBaseId"`
			} `json:"artifactLocation"`
			Region *struct {
				StartLine   int `json:"startLine"`
				StartColumn int `json:"startColumn"`
				EndLine     int `json:"endLine"`
				EndColumn   int `json:"endColumn"`
			} `json:"region"`
		} `json:"physicalLocation"`
	} `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Suppressions        []struct {
		Kind          string `json:"kind"`
		Justification string `json:"justification"`
	} `json:"suppressions"`
}

var ruleIDRe = regexp.MustCompile(`^[a-z][a-z0-9]*/[a-z0-9][a-z0-9-]*$`)

// checkGitHubSARIF checks what GitHub code scanning needs from a SARIF
// file (docs "SARIF support for code scanning"; anchors.md E): SARIF
// 2.1.0, one run per category, unique documented rules with help and a
// security-severity, stable rule ids on every result, partial
// fingerprints, repository-relative '/'-separated URIs, 1-based lines and
// columns, and suppressed results marked as such. exists reports whether
// a result's path names a real file.
func checkGitHubSARIF(t *testing.T, name string, data []byte, mode string, exists func(uri string) bool) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("%s: not JSON: %v", name, err)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif") {
		t.Errorf("%s: version %q schema %q, want 2.1.0 and a SARIF schema", name, log.Version, log.Schema)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%s: %d runs, want 1", name, len(log.Runs))
	}
	r := log.Runs[0]
	if r.Tool.Driver.Name != "keyless" {
		t.Errorf("%s: tool.driver.name %q", name, r.Tool.Driver.Name)
	}
	if r.AutomationDetails == nil || !strings.Contains(r.AutomationDetails.ID, mode) {
		t.Errorf("%s: automationDetails.id should name the category of mode %q, got %+v", name, mode, r.AutomationDetails)
	}

	rules := map[string]int{}
	for i, rule := range r.Tool.Driver.Rules {
		if _, dup := rules[rule.ID]; dup {
			t.Errorf("%s: rule %q listed twice (code scanning rejects the upload)", name, rule.ID)
		}
		rules[rule.ID] = i
		if !ruleIDRe.MatchString(rule.ID) {
			t.Errorf("%s: rule id %q is not <analyzer>/<rule>", name, rule.ID)
		}
		if rule.ShortDescription.Text == "" {
			t.Errorf("%s: rule %s has no shortDescription", name, rule.ID)
		}
		if rule.Help == nil || (rule.Help.Text == "" && rule.Help.Markdown == "") {
			t.Errorf("%s: rule %s has no help", name, rule.ID)
		}
		sev, ok := rule.Properties["security-severity"].(string)
		f, err := strconv.ParseFloat(sev, 64)
		if !ok || err != nil || f < 0 || f > 10 {
			t.Errorf("%s: rule %s: security-severity %v, want a string \"0.0\"–\"10.0\"", name, rule.ID, rule.Properties["security-severity"])
		}
		tags, _ := rule.Properties["tags"].([]any)
		if !slices.Contains(tags, any("security")) {
			t.Errorf("%s: rule %s: tags %v lack \"security\" (GitHub ignores security-severity without it)", name, rule.ID, tags)
		}
	}

	suppressed := 0
	for i, res := range r.Results {
		where := name + ": result " + strconv.Itoa(i) + " (" + res.RuleID + ")"
		if !ruleIDRe.MatchString(res.RuleID) {
			t.Errorf("%s: ruleId is not <analyzer>/<rule>", where)
		}
		if !strings.HasPrefix(res.RuleID, modePrefix(mode)) && !strings.HasPrefix(res.RuleID, "ignore/") {
			t.Errorf("%s: rule id does not belong to mode %s", where, mode)
		}
		idx, ok := rules[res.RuleID]
		if !ok {
			t.Errorf("%s: ruleId not in tool.driver.rules", where)
		} else if res.RuleIndex != nil && *res.RuleIndex != idx {
			t.Errorf("%s: ruleIndex %d, rule is at %d", where, *res.RuleIndex, idx)
		}
		switch res.Level {
		case "none", "note", "warning", "error":
		default:
			t.Errorf("%s: level %q", where, res.Level)
		}
		if strings.TrimSpace(res.Message.Text) == "" {
			t.Errorf("%s: empty message", where)
		}
		if len(res.PartialFingerprints) == 0 {
			t.Errorf("%s: no partialFingerprints", where)
		}
		for k, v := range res.PartialFingerprints {
			if k == "" || v == "" {
				t.Errorf("%s: empty partial fingerprint %q=%q", where, k, v)
			}
		}
		if len(res.Locations) == 0 {
			t.Errorf("%s: no location", where)
			continue
		}
		loc := res.Locations[0].PhysicalLocation
		uri := loc.ArtifactLocation.URI
		switch {
		case uri == "":
			t.Errorf("%s: empty uri", where)
		case strings.Contains(uri, "://") || strings.HasPrefix(uri, "/") || filepath.IsAbs(uri):
			t.Errorf("%s: uri %q is absolute; code scanning needs repository-relative paths", where, uri)
		case strings.Contains(uri, `\`):
			t.Errorf("%s: uri %q has a backslash", where, uri)
		case slices.Contains(strings.Split(uri, "/"), ".."), strings.HasPrefix(uri, "./"):
			t.Errorf("%s: uri %q is not clean", where, uri)
		case exists != nil && !exists(uri):
			t.Errorf("%s: uri %q names no file", where, uri)
		}
		reg := loc.Region
		if reg == nil {
			t.Errorf("%s: no region", where)
		} else {
			if reg.StartLine < 1 || reg.StartColumn < 1 {
				t.Errorf("%s: start %d:%d, want line and column >= 1", where, reg.StartLine, reg.StartColumn)
			}
			if reg.EndLine != 0 && reg.EndLine < reg.StartLine {
				t.Errorf("%s: endLine %d < startLine %d", where, reg.EndLine, reg.StartLine)
			}
			if reg.EndLine != 0 && reg.EndColumn < 1 {
				t.Errorf("%s: endColumn %d, want >= 1 (upload-sarif rejects 0)", where, reg.EndColumn)
			}
		}
		if len(res.Suppressions) > 0 {
			suppressed++
			for _, s := range res.Suppressions {
				if s.Kind != "inSource" && s.Kind != "external" {
					t.Errorf("%s: suppression kind %q", where, s.Kind)
				}
				if strings.TrimSpace(s.Justification) == "" {
					t.Errorf("%s: suppression without justification", where)
				}
			}
		}
	}
	return log
}

func modePrefix(mode string) string {
	if mode == "history" {
		return "history/"
	}
	return "" // lint: keyauth/, hardcodedsecret/, broadrole/, ignore/
}

// fingerprints maps "ruleId path" to the sorted partial fingerprints of
// its results, the identity GitHub keeps across runs.
func fingerprints(log sarifLog) map[string][]string {
	out := map[string][]string{}
	for _, res := range log.Runs[0].Results {
		key := res.RuleID + " " + res.Locations[0].PhysicalLocation.ArtifactLocation.URI
		var fps []string
		for k, v := range res.PartialFingerprints {
			fps = append(fps, k+"="+v)
		}
		sort.Strings(fps)
		out[key] = append(out[key], strings.Join(fps, ","))
	}
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}

func equalFingerprints(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// lintSARIF runs keyless lint -format sarif in dir.
func lintSARIF(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "lint.sarif")
	r := run(t, dir, nil, keyless(t), append(append([]string{"lint", "-format", "sarif", "-output", out}, args...), "./...")...)
	if r.code != 0 && r.code != 1 {
		t.Fatalf("keyless lint -format sarif: %s", r)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

var (
	e2eSARIFOnce sync.Once
	e2eSARIF     []byte
)

// e2eLintSARIF is `keyless lint -format sarif` on the end-to-end module,
// run once per test binary (tests only read it).
func e2eLintSARIF(t *testing.T) []byte {
	t.Helper()
	e2eSARIFOnce.Do(func() { e2eSARIF = lintSARIF(t, e2eModule(t)) })
	if e2eSARIF == nil {
		t.Fatal("keyless lint -format sarif on the end-to-end module failed in an earlier test")
	}
	return e2eSARIF
}

// historyFixture builds the history fixture repository once per test.
func historyFixture(t *testing.T) *historyrepo.Fixture {
	t.Helper()
	fx, err := historyrepo.Build(filepath.Join(t.TempDir(), "repo"))
	if err != nil {
		t.Fatalf("building the history fixture: %v", err)
	}
	return fx
}

// historySARIF runs keyless history -format sarif on repo.
func historySARIF(t *testing.T, repo string, args ...string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "history.sarif")
	r := run(t, repo, nil, keyless(t), append(append([]string{"history", "-format", "sarif", "-output", out}, args...), repo)...)
	if r.code != 0 && r.code != 1 {
		t.Fatalf("keyless history -format sarif: %s", r)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestLintSARIFForGitHub(t *testing.T) {
	mod := e2eModule(t)
	data := e2eLintSARIF(t)
	log := checkGitHubSARIF(t, "lint.sarif", data, "lint", func(uri string) bool {
		_, err := os.Stat(filepath.Join(mod, filepath.FromSlash(uri)))
		return err == nil
	})
	res := log.Runs[0].Results
	if len(res) == 0 {
		t.Fatal("lint.sarif: no results on the end-to-end module")
	}
	var ids []string
	suppressed := 0
	for _, r := range res {
		ids = append(ids, r.RuleID)
		if len(r.Suppressions) > 0 {
			suppressed++
			if r.Suppressions[0].Kind != "inSource" {
				t.Errorf("ignore comment should be an inSource suppression, got %q", r.Suppressions[0].Kind)
			}
		}
	}
	if !slices.Contains(ids, "keyauth/azopenai-key-credential") {
		t.Errorf("lint.sarif lacks keyauth/azopenai-key-credential; rule ids: %v", ids)
	}
	if suppressed == 0 {
		t.Error("lint.sarif marks no result as suppressed; the end-to-end module has //keyless:ignore comments with reasons")
	}

	// Stable across runs and across line shifts: a copy of the module
	// with a line inserted at the top of every file keeps every
	// fingerprint.
	again := checkGitHubSARIF(t, "lint.sarif (2nd run)", lintSARIF(t, mod), "lint", nil)
	if !equalFingerprints(fingerprints(log), fingerprints(again)) {
		t.Error("fingerprints differ between two runs on the same code")
	}
	shifted := filepath.Join(t.TempDir(), "e2e")
	copyTree(t, mod, shifted)
	err := filepath.Walk(shifted, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(p, append([]byte("// shifted\n\n"), src...), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	moved := checkGitHubSARIF(t, "lint.sarif (shifted)", lintSARIF(t, shifted), "lint", nil)
	if !equalFingerprints(fingerprints(log), fingerprints(moved)) {
		t.Errorf("fingerprints change when lines move:\nbefore %v\nafter  %v", fingerprints(log), fingerprints(moved))
	}
}

func TestHistorySARIFForGitHub(t *testing.T) {
	fx := historyFixture(t)
	data := historySARIF(t, fx.Dir)
	log := checkGitHubSARIF(t, "history.sarif", data, "history", func(uri string) bool {
		// the path existed in some commit of the repository
		r := run(t, fx.Dir, gitEnv, "git", "log", "--all", "--format=%H", "-1", "--", uri)
		return r.code == 0 && strings.TrimSpace(r.stdout) != ""
	})
	if len(log.Runs[0].Results) == 0 {
		t.Fatal("history.sarif: no results on the fixture repository")
	}
	for _, p := range fx.Planted {
		if strings.Contains(string(data), p.Value) {
			t.Errorf("history.sarif contains the planted secret %s in clear", p.Name)
		}
	}
	again := checkGitHubSARIF(t, "history.sarif (2nd run)", historySARIF(t, fx.Dir), "history", nil)
	if !equalFingerprints(fingerprints(log), fingerprints(again)) {
		t.Error("history fingerprints differ between two runs")
	}
}

// A module without findings still writes a valid SARIF file: one run, no
// results.
func TestCleanSARIF(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "go.mod", "module example.com/clean\n\ngo 1.22\n")
	writeFile(t, dir, "clean.go", "package clean\n\nfunc F() int { return 1 }\n")
	data := lintSARIF(t, dir)
	log := checkGitHubSARIF(t, "clean.sarif", data, "lint", nil)
	if n := len(log.Runs[0].Results); n != 0 {
		t.Errorf("clean module: %d results", n)
	}
	validateSARIF(t, "clean.sarif", data)
}

// sarifMultitool finds Microsoft's SARIF validator: $SARIF_MULTITOOL, or
// the native binary that npm's @microsoft/sarif-multitool resolves to
// (its bin.js wrapper runs it through a shell, which mangles the ';' in
// --rule-kind, so the binary is called directly).
func sarifMultitool(t *testing.T) string {
	t.Helper()
	const install = "npm install -g @microsoft/sarif-multitool@5.7.0"
	if p := os.Getenv("SARIF_MULTITOOL"); p != "" {
		return p
	}
	if npm, err := exec.LookPath("npm"); err == nil {
		if root, err := exec.Command(npm, "root", "-g").Output(); err == nil {
			cmd := exec.Command("node", "-e", "console.log(require('@microsoft/sarif-multitool'))")
			cmd.Env = append(os.Environ(), "NODE_PATH="+strings.TrimSpace(string(root)))
			if out, err := cmd.Output(); err == nil {
				p := strings.TrimSpace(string(out))
				if info, err := os.Stat(p); err == nil && info.Mode()&0o111 != 0 {
					return p
				}
			}
		}
	}
	missing(t, "@microsoft/sarif-multitool", install)
	return ""
}

type validatorResult struct {
	RuleID  string `json:"ruleId"`
	Level   string `json:"level"`
	Message struct {
		ID        string   `json:"id"`
		Arguments []string `json:"arguments"`
	} `json:"message"`
}

// multitoolValidate runs `Sarif.Multitool validate` with the SARIF and
// GitHub rule sets and returns its results (it exits 0 even when the file
// is invalid, so its own SARIF output is what counts).
func multitoolValidate(t *testing.T, name string, data []byte) []validatorResult {
	t.Helper()
	tool := sarifMultitool(t)
	dir := t.TempDir()
	in := filepath.Join(dir, filepath.Base(name))
	out := filepath.Join(dir, "validation.sarif")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, []string{"DOTNET_CLI_TELEMETRY_OPTOUT=1"}, tool, "validate", "--rule-kind", "Sarif;Gh", "-o", out, in)
	if r.code != 0 {
		t.Fatalf("sarif-multitool validate %s: %s", name, r)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("sarif-multitool wrote no result: %v\n%s", err, r)
	}
	var v struct {
		Runs []struct {
			Results []validatorResult `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("sarif-multitool output: %v", err)
	}
	var all []validatorResult
	for _, run := range v.Runs {
		all = append(all, run.Results...)
	}
	return all
}

// validateSARIF fails the test on every error or warning the validator
// reports (a result without a level is a warning in SARIF).
func validateSARIF(t *testing.T, name string, data []byte) {
	t.Helper()
	for _, res := range multitoolValidate(t, name, data) {
		switch res.Level {
		case "note", "none":
			t.Logf("%s: sarif-multitool %s %s %v", name, res.RuleID, res.Message.ID, res.Message.Arguments)
		default:
			t.Errorf("%s: sarif-multitool %s: %s %s %v", name, orDefault(res.Level, "warning"), res.RuleID, res.Message.ID, res.Message.Arguments)
		}
	}
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func TestSARIFValidator(t *testing.T) {
	sarifMultitool(t) // skip early when it is missing
	lint := e2eLintSARIF(t)

	// The validator must catch what code scanning rejects, or passing
	// it proves nothing: break a copy of the real output.
	var broken map[string]any
	if err := json.Unmarshal(lint, &broken); err != nil {
		t.Fatal(err)
	}
	run0 := broken["runs"].([]any)[0].(map[string]any)
	driver := run0["tool"].(map[string]any)["driver"].(map[string]any)
	if rules, _ := driver["rules"].([]any); len(rules) > 0 {
		driver["rules"] = append(rules, rules[0]) // duplicate rule (gitleaks #890)
	}
	if results, _ := run0["results"].([]any); len(results) > 0 {
		loc := results[0].(map[string]any)["locations"].([]any)[0].(map[string]any)
		loc["physicalLocation"].(map[string]any)["region"].(map[string]any)["endColumn"] = 0 // upload-sarif rejects it
	}
	bad, _ := json.Marshal(broken)
	found := map[string]bool{}
	for _, res := range multitoolValidate(t, "broken.sarif", bad) {
		if res.Level == "error" {
			found[res.RuleID] = true
		}
	}
	if !found["JSON1020"] || !found["JSON1008"] {
		t.Fatalf("validator missed the planted errors (duplicate rule JSON1020, endColumn 0 JSON1008): %v", found)
	}

	t.Run("lint", func(t *testing.T) { validateSARIF(t, "lint.sarif", lint) })
	t.Run("history", func(t *testing.T) {
		validateSARIF(t, "history.sarif", historySARIF(t, historyFixture(t).Dir))
	})
}
