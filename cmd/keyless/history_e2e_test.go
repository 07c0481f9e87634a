package main

// End-to-end tests of `keyless history` and `keyless baseline`: the built
// binary on the generated fixture repository (testdata/historyrepo).

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/secrets"
	"github.com/keyless-dev/keyless/internal/secrets/corpus"
	"github.com/keyless-dev/keyless/testdata/historyrepo"
)

var (
	historyBinOnce sync.Once
	historyBin     string
	historyBinErr  error
)

// keylessBin builds the keyless binary once per test run.
func keylessBin(t *testing.T) string {
	t.Helper()
	historyBinOnce.Do(func() {
		dir, err := os.MkdirTemp("", "keyless-e2e-")
		if err != nil {
			historyBinErr = err
			return
		}
		historyBin = filepath.Join(dir, "keyless")
		out, err := exec.Command("go", "build", "-o", historyBin, ".").CombinedOutput()
		if err != nil {
			historyBinErr = errors.New(string(out))
		}
	})
	if historyBinErr != nil {
		t.Fatalf("building keyless: %v", historyBinErr)
	}
	return historyBin
}

type keylessRun struct {
	code           int
	stdout, stderr []byte
}

// keyless runs the binary in dir with args.
func keyless(t *testing.T, dir string, args ...string) keylessRun {
	t.Helper()
	cmd := exec.Command(keylessBin(t), args...)
	cmd.Dir = dir
	cmd.Env = historyrepo.FixedEnv()
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	err := cmd.Run()
	r := keylessRun{stdout: so.Bytes(), stderr: se.Bytes()}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	default:
		t.Fatal(err)
	}
	if bytes.Contains(r.stderr, []byte("panic:")) || bytes.Contains(r.stderr, []byte("goroutine ")) {
		t.Fatalf("keyless %v panicked:\n%s", args, r.stderr)
	}
	return r
}

func e2eFixture(t *testing.T) *historyrepo.Fixture {
	t.Helper()
	fx, err := historyrepo.Build(filepath.Join(t.TempDir(), "repo"))
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

// assertNoSecret fails when any 10-byte window of a planted secret or of
// a decoy appears anywhere in out.
func assertNoSecret(t *testing.T, what string, out []byte, values ...string) {
	t.Helper()
	const window = 10
	for _, v := range values {
		if len(v) < window {
			continue
		}
		for i := 0; i+window <= len(v); i++ {
			if bytes.Contains(out, []byte(v[i:i+window])) {
				t.Errorf("%s contains %q, a piece of a secret", what, v[i:i+window])
				break
			}
		}
	}
}

func plantedValues(fx *historyrepo.Fixture, extra ...historyrepo.Planted) []string {
	var vs []string
	for _, p := range append(fx.Planted, extra...) {
		vs = append(vs, p.Value, p.Encoded)
	}
	return append(vs, fx.Decoys...)
}

type jsonOut struct {
	RuleID      string `json:"ruleId"`
	Path        string `json:"path"`
	Line        int    `json:"line"`
	Commit      string `json:"commit"`
	Author      string `json:"author"`
	Date        string `json:"date"`
	Secret      string `json:"secret"`
	Message     string `json:"message"`
	Fingerprint string `json:"fingerprint"`
	Suppression *struct {
		Kind          string `json:"kind"`
		Justification string `json:"justification"`
	} `json:"suppression"`
}

func parseJSON(t *testing.T, data []byte) []jsonOut {
	t.Helper()
	var out []jsonOut
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("json output: %v\n%s", err, data)
	}
	return out
}

// checkJSON checks that got reports exactly want, each with its rule,
// path, line and commit, and that every active finding is in want.
func checkJSON(t *testing.T, got []jsonOut, want []historyrepo.Planted) {
	t.Helper()
	type k struct {
		rule, path, commit string
		line               int
	}
	have := map[k]jsonOut{}
	for _, f := range got {
		have[k{f.RuleID, f.Path, f.Commit, f.Line}] = f
	}
	for _, p := range want {
		f, ok := have[k{"history/" + p.Rule, p.Path, p.Commit, p.Line}]
		if !ok {
			t.Errorf("planted %s (history/%s at %s:%d in %.12s) not reported", p.Name, p.Rule, p.Path, p.Line, p.Commit)
			continue
		}
		if f.Secret != secrets.Redact(p.Value) {
			t.Errorf("%s: secret %q, want %q", p.Name, f.Secret, secrets.Redact(p.Value))
		}
		if p.Commit != "" && (f.Author == "" || f.Date == "") {
			t.Errorf("%s: no author/date: %+v", p.Name, f)
		}
		for _, part := range []string{"rotate", "managed identity"} {
			if p.Commit != "" && strings.HasPrefix(p.Rule, "azure-") && !strings.Contains(f.Message, part) {
				t.Errorf("%s: message lacks %q: %s", p.Name, part, f.Message)
			}
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d findings, want %d", len(got), len(want))
	}
}

func TestHistoryE2EAllFormats(t *testing.T) {
	fx := e2eFixture(t)
	secretsAndDecoys := plantedValues(fx)
	outputs := map[string][]byte{}
	for _, format := range report.Formats {
		r := keyless(t, fx.Dir, "history", "-format", format)
		if r.code != report.ExitFindings {
			t.Errorf("-format %s: exit %d, want 1\n%s", format, r.code, r.stderr)
		}
		assertNoSecret(t, format+" stdout", r.stdout, secretsAndDecoys...)
		assertNoSecret(t, format+" stderr", r.stderr, secretsAndDecoys...)
		if bytes.Contains(r.stderr, []byte("scanned")) {
			t.Errorf("progress printed while stderr is not a terminal: %s", r.stderr)
		}
		outputs[format] = r.stdout
	}

	checkJSON(t, parseJSON(t, outputs["json"]), fx.Planted)

	for _, p := range fx.Planted {
		loc := p.Path + ":" + strconv.Itoa(p.Line) + ":"
		if !bytes.Contains(outputs["text"], []byte(loc)) || !bytes.Contains(outputs["text"], []byte(p.Commit[:12])) {
			t.Errorf("text output lacks %s in %.12s", loc, p.Commit)
		}
	}

	// SARIF: the commit is in result properties; fingerprints are stable
	// across runs.
	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID              string            `json:"ruleId"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				Properties          map[string]string `json:"properties"`
				Locations           []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(outputs["sarif"], &sarif); err != nil {
		t.Fatal(err)
	}
	byLoc := map[string]string{}
	for _, res := range sarif.Runs[0].Results {
		l := res.Locations[0].PhysicalLocation
		byLoc[l.ArtifactLocation.URI+":"+strconv.Itoa(l.Region.StartLine)] = res.Properties["commit"]
	}
	for _, p := range fx.Planted {
		if c := byLoc[p.Path+":"+strconv.Itoa(p.Line)]; c != p.Commit {
			t.Errorf("sarif: %s:%d has commit property %q, want %s", p.Path, p.Line, c, p.Commit)
		}
	}
	again := keyless(t, fx.Dir, "history", "-format", "sarif")
	if !bytes.Equal(again.stdout, outputs["sarif"]) {
		t.Error("sarif output differs between two runs (fingerprints must be stable)")
	}
}

func TestHistoryE2ENoRedact(t *testing.T) {
	fx := e2eFixture(t)
	r := keyless(t, fx.Dir, "history", "-no-redact", "-format", "json")
	if !bytes.Contains(r.stderr, []byte("IN FULL")) {
		t.Errorf("-no-redact must say so on stderr: %s", r.stderr)
	}
	for _, p := range fx.Planted {
		if !bytes.Contains(r.stdout, []byte(p.Value)) {
			t.Errorf("-no-redact json lacks %s", p.Name)
		}
	}
	r = keyless(t, fx.Dir, "history", "-no-redact", "-format", "sarif")
	assertNoSecret(t, "-no-redact sarif", r.stdout, plantedValues(fx)...)
	if !bytes.Contains(r.stderr, []byte("no effect")) {
		t.Errorf("-no-redact with sarif must say it has no effect: %s", r.stderr)
	}
}

func TestHistoryE2ESinceAndLogOpts(t *testing.T) {
	fx := e2eFixture(t)
	var late, onMain []historyrepo.Planted
	for _, p := range fx.Planted {
		if p.Late {
			late = append(late, p)
		}
		if p.Path != "services/bus.go" {
			onMain = append(onMain, p)
		}
	}
	r := keyless(t, fx.Dir, "history", "-since", fx.Since, "-format", "json")
	if r.code != 1 {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
	checkJSON(t, parseJSON(t, r.stdout), late)

	r = keyless(t, fx.Dir, "history", "-log-opts", "--author='Fixture Author' main", "-format", "json")
	checkJSON(t, parseJSON(t, r.stdout), onMain)

	// Nothing after the head of every branch.
	r = keyless(t, fx.Dir, "history", "-log-opts", "main feature", "-since", "main", "-format", "json")
	var onlyFeature []historyrepo.Planted
	for _, p := range fx.Planted {
		if p.Path == "services/bus.go" {
			onlyFeature = append(onlyFeature, p)
		}
	}
	checkJSON(t, parseJSON(t, r.stdout), onlyFeature)
}

func TestHistoryE2EStaged(t *testing.T) {
	fx := e2eFixture(t)
	r := keyless(t, fx.Dir, "history", "-staged")
	if r.code != 0 {
		t.Errorf("nothing staged: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	p, err := fx.Stage()
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range report.Formats {
		r = keyless(t, fx.Dir, "history", "-staged", "-format", format)
		if r.code != 1 {
			t.Errorf("staged secret, -format %s: exit %d\n%s", format, r.code, r.stderr)
		}
		assertNoSecret(t, "staged "+format, append(r.stdout, r.stderr...), plantedValues(fx, p)...)
		if format == "json" {
			checkJSON(t, parseJSON(t, r.stdout), []historyrepo.Planted{p})
		}
	}
}

func TestHistoryE2EBaseline(t *testing.T) {
	fx := e2eFixture(t)
	base := filepath.Join(t.TempDir(), "baseline.json")
	r := keyless(t, fx.Dir, "baseline", "-baseline", base)
	if r.code != 0 || !bytes.Contains(r.stderr, []byte("wrote 10 fingerprints")) {
		t.Fatalf("baseline: exit %d\n%s", r.code, r.stderr)
	}
	data, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	assertNoSecret(t, "baseline file", data, plantedValues(fx)...)
	for _, p := range fx.Planted {
		if bytes.Contains(data, []byte(secrets.Redact(p.Value))) {
			t.Errorf("baseline holds the redacted form of %s", p.Name)
		}
	}

	r = keyless(t, fx.Dir, "history", "-baseline", base)
	if r.code != 0 || !bytes.Contains(r.stderr, []byte("10 suppressed")) {
		t.Errorf("history -baseline on the same history: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// A new leak fails despite the baseline; the old ones stay silent.
	newKey := corpus.New(7).AIServicesKey()
	os.WriteFile(filepath.Join(fx.Dir, "late.py"), []byte("KEY = \""+newKey+"\"\n"), 0o644)
	historyrepo.Git(fx.Dir, nil, "add", "late.py")
	if err := historyrepo.Git(fx.Dir, nil, "commit", "-q", "--no-verify", "-m", "late"); err != nil {
		t.Fatal(err)
	}
	r = keyless(t, fx.Dir, "history", "-baseline", base, "-format", "json")
	if r.code != 1 {
		t.Errorf("new leak: exit %d", r.code)
	}
	var active []jsonOut
	for _, f := range parseJSON(t, r.stdout) {
		if f.Suppression == nil {
			active = append(active, f)
		}
	}
	if len(active) != 1 || active[0].Path != "late.py" || active[0].Line != 1 {
		t.Errorf("active findings with the baseline: %+v", active)
	}

	// -update prunes stale entries and adds none.
	var b map[string]any
	json.Unmarshal(data, &b)
	entries := b["findings"].([]any)
	entries = append(entries, map[string]any{"fingerprint": strings.Repeat("ab", 16), "ruleId": "history/aws-access-token", "path": "gone.go"})
	b["findings"] = entries
	data, _ = json.Marshal(b)
	os.WriteFile(base, data, 0o644)
	r = keyless(t, fx.Dir, "baseline", "-update", "-baseline", base)
	if r.code != 0 || !bytes.Contains(r.stderr, []byte("pruned 1 stale entries")) || !bytes.Contains(r.stderr, []byte("10 left")) {
		t.Errorf("baseline -update: exit %d\n%s", r.code, r.stderr)
	}
	data, _ = os.ReadFile(base)
	if bytes.Contains(data, []byte("gone.go")) || bytes.Contains(data, []byte("late.py")) {
		t.Errorf("after -update:\n%s", data)
	}

	r = keyless(t, fx.Dir, "baseline", "-update", "-since", fx.Since, "-baseline", base)
	if r.code != 2 {
		t.Errorf("-update with -since: exit %d", r.code)
	}
	os.WriteFile(base, []byte("[]"), 0o644)
	if r = keyless(t, fx.Dir, "history", "-baseline", base); r.code != 2 || !bytes.Contains(r.stderr, []byte("baseline")) {
		t.Errorf("bad baseline: exit %d %s", r.code, r.stderr)
	}
}

func TestHistoryE2EGitleaksIgnore(t *testing.T) {
	fx := e2eFixture(t)
	var ignore []string
	for _, p := range fx.Planted {
		if p.Commits > 1 {
			// The commit form covers one commit: the global form covers
			// the re-additions too.
			ignore = append(ignore, p.Path+":"+p.Rule+":"+strconv.Itoa(p.Line))
			continue
		}
		ignore = append(ignore, p.Commit+":"+p.Path+":"+p.Rule+":"+strconv.Itoa(p.Line))
	}
	os.WriteFile(filepath.Join(fx.Dir, ".gitleaksignore"), []byte(strings.Join(ignore, "\n")+"\n"), 0o644)
	r := keyless(t, fx.Dir, "history", "-format", "json")
	if r.code != 0 {
		t.Errorf("every finding ignored: exit %d", r.code)
	}
	got := parseJSON(t, r.stdout)
	if len(got) != len(fx.Planted) {
		t.Fatalf("ignored findings must still be listed: %d", len(got))
	}
	for _, f := range got {
		if f.Suppression == nil || !strings.Contains(f.Suppression.Justification, ".gitleaksignore") {
			t.Errorf("%s not suppressed: %+v", f.Path, f.Suppression)
		}
	}
}

func TestHistoryE2ESizeCap(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "big")
	im, err := historyrepo.NewImporter(dir)
	if err != nil {
		t.Fatal(err)
	}
	key := corpus.New(3).OpenAIKey()
	big := strings.Repeat("filler line of a large generated file\n", 40_000) + "key = \"" + key + "\"\n"
	im.Commit("main", "", "big", historyrepo.Put("dump.txt", big))
	if _, err := im.Close(); err != nil {
		t.Fatal(err)
	}
	r := keyless(t, dir, "history", "-max-target-megabytes", "1")
	if r.code != 0 || !bytes.Contains(r.stderr, []byte("skipped")) || !bytes.Contains(r.stderr, []byte("dump.txt")) {
		t.Errorf("size cap: exit %d\n%s", r.code, r.stderr)
	}
	r = keyless(t, dir, "history", "-format", "json")
	if r.code != 1 || !bytes.Contains(r.stdout, []byte(`"line": 40001`)) {
		t.Errorf("default cap scans a 1.5 MB file: exit %d\n%s", r.code, r.stderr)
	}
	assertNoSecret(t, "big", append(r.stdout, r.stderr...), key)
}
