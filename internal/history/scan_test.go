package history

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/zricethezav/gitleaks/v8/logging"

	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/secrets"
	"github.com/keyless-dev/keyless/testdata/historyrepo"
)

var (
	scannerOnce sync.Once
	testScanner *Scanner
)

func scanner(t *testing.T) *Scanner {
	t.Helper()
	scannerOnce.Do(func() {
		eng, err := secrets.New(nil)
		if err != nil {
			t.Fatal(err)
		}
		testScanner = NewScanner(eng, nil)
	})
	return testScanner
}

func fixture(t *testing.T) *historyrepo.Fixture {
	t.Helper()
	fx, err := historyrepo.Build(filepath.Join(t.TempDir(), "repo"))
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

func scan(t *testing.T, opts Options) *Result {
	t.Helper()
	res, err := scanner(t).Scan(context.Background(), opts)
	if err != nil {
		t.Fatalf("Scan(%+v): %v", opts, err)
	}
	return res
}

// key identifies a finding the way the fixture describes a planted secret.
type key struct {
	Rule, Path, Commit string
	Line               int
}

func keyOf(f report.Finding) key {
	return key{strings.TrimPrefix(f.RuleID, RulePrefix), f.Path, f.Commit, f.Line}
}

func plantedKey(p historyrepo.Planted) key { return key{p.Rule, p.Path, p.Commit, p.Line} }

func sortedKeys(ks []key) []key {
	sort.Slice(ks, func(i, j int) bool {
		return ks[i].Path < ks[j].Path || ks[i].Path == ks[j].Path && ks[i].Line < ks[j].Line
	})
	return ks
}

// checkFindings compares findings with the planted secrets want, checks
// the fingerprint of each and that no finding shows a secret or decoy.
func checkFindings(t *testing.T, fx *historyrepo.Fixture, got []report.Finding, want []historyrepo.Planted) {
	t.Helper()
	var gk, wk []key
	for _, f := range got {
		gk = append(gk, keyOf(f))
	}
	byKey := map[key]historyrepo.Planted{}
	for _, p := range want {
		wk = append(wk, plantedKey(p))
		byKey[plantedKey(p)] = p
	}
	gk, wk = sortedKeys(gk), sortedKeys(wk)
	if len(gk) != len(wk) {
		t.Errorf("got %d findings, want %d:\n got  %v\n want %v", len(gk), len(wk), gk, wk)
	}
	for i := range min(len(gk), len(wk)) {
		if gk[i] != wk[i] {
			t.Errorf("finding %d: got %+v, want %+v", i, gk[i], wk[i])
		}
	}
	for _, f := range got {
		p, ok := byKey[keyOf(f)]
		if !ok {
			continue
		}
		if fp := report.Fingerprint(f.RuleID, p.Path, secrets.Hash(p.Value)); f.Fingerprint != fp {
			t.Errorf("%s: fingerprint %s, want %s", p.Name, f.Fingerprint, fp)
		}
		if f.Secret != secrets.Redact(p.Value) {
			t.Errorf("%s: secret shown as %q, want the redacted form %q", p.Name, f.Secret, secrets.Redact(p.Value))
		}
		if p.Commit != "" && (f.Author != historyrepo.IdentityName+" <"+historyrepo.IdentityEmail+">" || f.Date == "") {
			t.Errorf("%s: author %q date %q", p.Name, f.Author, f.Date)
		}
		if p.Commits > 1 && !strings.Contains(f.Message, "found in 2 commits") {
			t.Errorf("%s: message does not count the re-additions: %s", p.Name, f.Message)
		}
	}
	var all []string
	for _, p := range fx.Planted {
		all = append(all, p.Value, p.Encoded)
	}
	all = append(all, fx.Decoys...)
	for _, f := range got {
		text := f.Message + "\x00" + f.Secret + "\x00" + f.Path
		for _, s := range all {
			if len(s) >= 12 && strings.Contains(text, s[len(s)/2:]) {
				t.Errorf("finding %s shows (part of) a secret or decoy: %s", f.RuleID, text)
			}
		}
	}
}

func TestScanWholeHistory(t *testing.T) {
	fx := fixture(t)
	res := scan(t, Options{Dir: fx.Dir})
	checkFindings(t, fx, res.Findings, fx.Planted)
	if res.Commits != len(fx.Commits) {
		t.Errorf("scanned %d commits, want %d", res.Commits, len(fx.Commits))
	}
	if res.Shallow || len(res.Skipped) != 0 {
		t.Errorf("shallow=%v skipped=%v", res.Shallow, res.Skipped)
	}
	// Deterministic: a second scan gives the same findings.
	again := scan(t, Options{Dir: fx.Dir, Workers: 1})
	if len(again.Findings) != len(res.Findings) {
		t.Fatalf("second scan: %d findings, first %d", len(again.Findings), len(res.Findings))
	}
	for i := range res.Findings {
		a, b := res.Findings[i], again.Findings[i]
		if a.Fingerprint != b.Fingerprint || a.Message != b.Message || a.Line != b.Line || a.Commit != b.Commit {
			t.Errorf("finding %d differs between runs:\n%+v\n%+v", i, a, b)
		}
	}
}

func TestScanSubdirectory(t *testing.T) {
	fx := fixture(t)
	res := scan(t, Options{Dir: filepath.Join(fx.Dir, "config")})
	checkFindings(t, fx, res.Findings, fx.Planted)
}

func TestScanSince(t *testing.T) {
	fx := fixture(t)
	var late []historyrepo.Planted
	for _, p := range fx.Planted {
		if p.Late {
			late = append(late, p)
		}
	}
	if len(late) == 0 {
		t.Fatal("fixture has no late secret")
	}
	res := scan(t, Options{Dir: fx.Dir, Since: fx.Since})
	checkFindings(t, fx, res.Findings, late)
	// The head itself: nothing after it on main, the feature branch remains.
	res = scan(t, Options{Dir: fx.Dir, Since: "main"})
	for _, f := range res.Findings {
		if f.Path != "services/bus.go" {
			t.Errorf("-since main: unexpected %s %s", f.RuleID, f.Path)
		}
	}
}

func TestScanLogOpts(t *testing.T) {
	fx := fixture(t)
	var onMain []historyrepo.Planted
	for _, p := range fx.Planted {
		if p.Path != "services/bus.go" {
			onMain = append(onMain, p)
		}
	}
	// Quoted arguments reach git as one argument each.
	res := scan(t, Options{Dir: fx.Dir, LogOpts: `--author='Fixture Author' main`})
	checkFindings(t, fx, res.Findings, onMain)
	// A path limit after "--".
	res = scan(t, Options{Dir: fx.Dir, LogOpts: `--all -- "config/cosmos.env"`})
	if len(res.Findings) != 1 || res.Findings[0].Path != "config/cosmos.env" {
		t.Errorf("path-limited scan: %v", res.Findings)
	}
	// Formatting options cannot break the patch keyless parses.
	res = scan(t, Options{Dir: fx.Dir, LogOpts: `--no-patch --stat --oneline --color=always --all`})
	checkFindings(t, fx, res.Findings, fx.Planted)
	for _, bad := range []string{"--ext-diff", "--output=/tmp/x", "'unterminated"} {
		if _, err := scanner(t).Scan(context.Background(), Options{Dir: fx.Dir, LogOpts: bad}); err == nil {
			t.Errorf("-log-opts %q accepted", bad)
		}
	}
}

func TestScanStaged(t *testing.T) {
	fx := fixture(t)
	res := scan(t, Options{Dir: fx.Dir, Staged: true})
	if len(res.Findings) != 0 {
		t.Fatalf("nothing staged, got %v", res.Findings)
	}
	p, err := fx.Stage()
	if err != nil {
		t.Fatal(err)
	}
	res = scan(t, Options{Dir: fx.Dir, Staged: true})
	checkFindings(t, fx, res.Findings, []historyrepo.Planted{p})
	if f := res.Findings[0]; f.Commit != "" || f.Author != "" || !strings.Contains(f.Message, "staged") {
		t.Errorf("staged finding: %+v", f)
	}
	if _, err := scanner(t).Scan(context.Background(), Options{Dir: fx.Dir, Staged: true, Since: "main"}); err == nil {
		t.Error("-staged with -since accepted")
	}
}

func TestStagedFirstCommit(t *testing.T) {
	dir := t.TempDir()
	if err := historyrepo.Git(dir, nil, "init", "-q"); err != nil {
		t.Fatal(err)
	}
	fx := &historyrepo.Fixture{Dir: dir}
	p, err := fx.Stage()
	if err != nil {
		t.Fatal(err)
	}
	res := scan(t, Options{Dir: dir, Staged: true})
	checkFindings(t, fx, res.Findings, []historyrepo.Planted{p})
}

func TestReveal(t *testing.T) {
	fx := fixture(t)
	res := scan(t, Options{Dir: fx.Dir, Reveal: true, LogOpts: "-- config/cosmos.env"})
	var cosmos historyrepo.Planted
	for _, p := range fx.Planted {
		if p.Name == "cosmos" {
			cosmos = p
		}
	}
	if len(res.Findings) != 1 || res.Findings[0].Secret != cosmos.Value || !strings.Contains(res.Findings[0].Message, cosmos.Value) {
		t.Errorf("Reveal: %+v", res.Findings)
	}
}

func commitFile(t *testing.T, dir, path, content string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(path))
	os.MkdirAll(filepath.Dir(full), 0o755)
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := historyrepo.Git(dir, nil, "add", "--", path); err != nil {
		t.Fatal(err)
	}
	if err := historyrepo.Git(dir, nil, "commit", "-q", "--no-verify", "-m", "add "+path); err != nil {
		t.Fatal(err)
	}
}

func TestSizeCap(t *testing.T) {
	fx := fixture(t)
	res := scan(t, Options{Dir: fx.Dir, MaxTargetBytes: 150})
	skipped := map[string]bool{}
	for _, s := range res.Skipped {
		skipped[s.Path] = true
		if s.Size <= 150 || s.Commit == "" {
			t.Errorf("skipped %+v", s)
		}
	}
	if !skipped["app/settings.yaml"] || !skipped["services/bus.go"] {
		t.Errorf("skipped %v", res.Skipped)
	}
	for _, f := range res.Findings {
		if skipped[f.Path] {
			t.Errorf("finding in skipped file %s", f.Path)
		}
	}
	if len(res.Findings) == 0 {
		t.Error("small files must still be scanned")
	}
}

func TestLoggerSilenced(t *testing.T) {
	scanner(t)
	if lvl := logging.Logger.GetLevel().String(); lvl != "disabled" {
		t.Errorf("gitleaks logger level %q, want disabled", lvl)
	}
}
