package history

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/zricethezav/gitleaks/v8/logging"

	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/secrets"
	"github.com/keyless-dev/keyless/internal/secrets/corpus"
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

func TestGitleaksIgnore(t *testing.T) {
	fx := fixture(t)
	byName := map[string]historyrepo.Planted{}
	for _, p := range fx.Planted {
		byName[p.Name] = p
	}
	aws, gh, tf := byName["aws"], byName["github"], byName["entra"]
	full := scan(t, Options{Dir: fx.Dir})
	var tfFP string
	for _, f := range full.Findings {
		if f.Path == tf.Path {
			tfFP = f.Fingerprint
		}
	}
	ignore := strings.Join([]string{
		"# comment",
		"",
		// global form, gitleaks rule id
		aws.Path + ":" + aws.Rule + ":" + itoa(aws.Line),
		// commit form with keyless's full rule id and a short commit id
		gh.Commit[:10] + ":" + gh.Path + ":history/" + gh.Rule + ":" + itoa(gh.Line),
		// keyless fingerprint
		tfFP,
		// commit form naming another commit: ignores nothing
		fx.Since + ":" + byName["openai"].Path + ":" + byName["openai"].Rule + ":" + itoa(byName["openai"].Line),
	}, "\n")
	path := filepath.Join(t.TempDir(), ".gitleaksignore")
	if err := os.WriteFile(path, []byte(ignore), 0o644); err != nil {
		t.Fatal(err)
	}
	ig := NewIgnore()
	if err := ig.AddGitleaksIgnore(path); err != nil {
		t.Fatal(err)
	}
	res := scan(t, Options{Dir: fx.Dir, Ignore: ig})
	suppressed := map[string]bool{}
	for _, f := range res.Findings {
		if f.Suppression != nil {
			suppressed[f.Path] = true
			if f.Suppression.Kind != "external" || !strings.Contains(f.Suppression.Justification, path) {
				t.Errorf("suppression: %+v", f.Suppression)
			}
		}
	}
	want := map[string]bool{aws.Path: true, gh.Path: true, tf.Path: true}
	if len(suppressed) != len(want) {
		t.Errorf("suppressed %v, want %v", suppressed, want)
	}
	for p := range want {
		if !suppressed[p] {
			t.Errorf("%s not suppressed", p)
		}
	}
	if len(res.Findings) != len(fx.Planted) {
		t.Errorf("suppressed findings must still be reported: %d of %d", len(res.Findings), len(fx.Planted))
	}
	if report.ExitCode(res.Findings) != report.ExitFindings {
		t.Error("other findings must still fail")
	}

	bad := filepath.Join(t.TempDir(), ".gitleaksignore")
	os.WriteFile(bad, []byte("just-one-field\n"), 0o644)
	if err := NewIgnore().AddGitleaksIgnore(bad); err == nil || !strings.Contains(err.Error(), ":1:") {
		t.Errorf("bad entry: %v", err)
	}
}

// An occurrence ignored in one commit does not hide the same secret added
// again in another commit.
func TestGitleaksIgnoreOneOccurrence(t *testing.T) {
	fx := fixture(t)
	var openai historyrepo.Planted
	for _, p := range fx.Planted {
		if p.Name == "openai" {
			openai = p
		}
	}
	path := filepath.Join(t.TempDir(), ".gitleaksignore")
	os.WriteFile(path, []byte(openai.Commit+":"+openai.Path+":"+openai.Rule+":"+itoa(openai.Line)+"\n"), 0o644)
	ig := NewIgnore()
	if err := ig.AddGitleaksIgnore(path); err != nil {
		t.Fatal(err)
	}
	res := scan(t, Options{Dir: fx.Dir, Ignore: ig, LogOpts: "--all -- config/app.env"})
	if len(res.Findings) != 1 {
		t.Fatalf("findings: %v", res.Findings)
	}
	f := res.Findings[0]
	if f.Suppression != nil || f.Commit != fx.Commits["Restore key for demo"] {
		t.Errorf("want the re-addition, unsuppressed; got commit %s suppression %v", f.Commit, f.Suppression)
	}
}

func TestBaseline(t *testing.T) {
	fx := fixture(t)
	old := scan(t, Options{Dir: fx.Dir})
	b := NewBaseline(old.Findings)
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := b.Write(path); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	for _, p := range fx.Planted {
		if bytes.Contains(data, []byte(p.Value[:12])) || bytes.Contains(data, []byte(secrets.Redact(p.Value))) {
			t.Errorf("baseline holds (part of) secret %s", p.Name)
		}
	}
	read, err := ReadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(read.Findings) != len(fx.Planted) {
		t.Fatalf("baseline has %d entries", len(read.Findings))
	}

	// A new leak after the baseline.
	k := corpus.New(99)
	newKey := k.OpenAIKey()
	commitFile(t, fx.Dir, "app/new.env", "AZURE_OPENAI_API_KEY="+newKey+"\n")

	ig := NewIgnore()
	ig.AddBaseline(read, path)
	res := scan(t, Options{Dir: fx.Dir, Ignore: ig})
	var active []report.Finding
	for _, f := range res.Findings {
		if f.Suppression == nil {
			active = append(active, f)
		} else if f.Suppression.Justification != "in baseline "+path {
			t.Errorf("suppression %+v", f.Suppression)
		}
	}
	if len(active) != 1 || active[0].Path != "app/new.env" {
		t.Fatalf("with the baseline, want only the new finding; got %v", active)
	}

	// Prune: entries whose finding is gone are dropped, none is added.
	partial := scan(t, Options{Dir: fx.Dir, LogOpts: "main"}) // without the feature branch
	n := read.Prune(partial.Findings)
	if n != 1 || len(read.Findings) != len(fx.Planted)-1 {
		t.Errorf("pruned %d, left %d", n, len(read.Findings))
	}
	for _, e := range read.Findings {
		if e.Path == "app/new.env" || e.Path == "services/bus.go" {
			t.Errorf("entry %v after prune", e)
		}
	}

	for _, bad := range []string{`{"version": 2, "findings": []}`, `{"version": 1, "findings": [{"fingerprint": "x"}]}`, `{"version": 1, "extra": 1}`, `not json`} {
		os.WriteFile(path, []byte(bad), 0o644)
		if _, err := ReadBaseline(path); err == nil {
			t.Errorf("ReadBaseline accepted %s", bad)
		}
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

func TestGitErrors(t *testing.T) {
	ctx := context.Background()
	s := scanner(t)
	var ge *GitError

	notRepo := t.TempDir()
	_, err := s.Scan(ctx, Options{Dir: notRepo})
	if !errors.As(err, &ge) || !strings.Contains(err.Error(), "not a git repository") {
		t.Errorf("not a repository: %v", err)
	}
	_, err = s.Scan(ctx, Options{Dir: filepath.Join(notRepo, "missing")})
	if !errors.As(err, &ge) || !strings.Contains(err.Error(), "no such directory") {
		t.Errorf("missing directory: %v", err)
	}

	empty := t.TempDir()
	historyrepo.Git(empty, nil, "init", "-q")
	_, err = s.Scan(ctx, Options{Dir: empty})
	if !errors.As(err, &ge) || !strings.Contains(err.Error(), "no commits to scan") {
		t.Errorf("empty repository: %v", err)
	}

	fx := fixture(t)
	_, err = s.Scan(ctx, Options{Dir: fx.Dir, Since: "no-such-rev"})
	if !errors.As(err, &ge) || !strings.Contains(err.Error(), "unknown revision") {
		t.Errorf("bad -since: %v", err)
	}
	_, err = s.Scan(ctx, Options{Dir: fx.Dir, Since: "--all"})
	if err == nil {
		t.Error("-since starting with '-' accepted")
	}

	bare := filepath.Join(t.TempDir(), "bare.git")
	if out, err := exec.Command("git", "clone", "-q", "--bare", fx.Dir, bare).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	res := scan(t, Options{Dir: bare})
	if len(res.Findings) != len(fx.Planted) {
		t.Errorf("bare clone: %d findings", len(res.Findings))
	}
	if _, err := s.Scan(ctx, Options{Dir: bare, Staged: true}); !errors.As(err, &ge) {
		t.Errorf("staged in a bare repository: %v", err)
	}
}

func TestCorruptObjects(t *testing.T) {
	fx := fixture(t)
	// Loose objects: corrupt the blob of a file added in the history.
	out, err := exec.Command("git", "-C", fx.Dir, "rev-parse", fx.Commits["Add release script"]+":scripts/release.py").Output()
	if err != nil {
		t.Fatal(err)
	}
	blob := strings.TrimSpace(string(out))
	// fast-import writes a pack; explode it into loose objects first.
	packs, _ := filepath.Glob(filepath.Join(fx.Dir, ".git/objects/pack/*.pack"))
	for _, p := range packs {
		data, _ := os.ReadFile(p)
		os.Remove(p)
		os.Remove(strings.TrimSuffix(p, ".pack") + ".idx")
		cmd := exec.Command("git", "-C", fx.Dir, "unpack-objects", "-q")
		cmd.Stdin = bytes.NewReader(data)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("unpack: %v %s", err, out)
		}
	}
	obj := filepath.Join(fx.Dir, ".git/objects", blob[:2], blob[2:])
	os.Chmod(obj, 0o644)
	if err := os.WriteFile(obj, []byte("not zlib"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = scanner(t).Scan(context.Background(), Options{Dir: fx.Dir})
	var ge *GitError
	if !errors.As(err, &ge) {
		t.Fatalf("corrupt object: %v", err)
	}
	if strings.Contains(ge.Msg, "\n") || ge.Msg == "" {
		t.Errorf("message %q", ge.Msg)
	}
	t.Log(err)
}

func TestShallowClone(t *testing.T) {
	fx := fixture(t)
	shallow := filepath.Join(t.TempDir(), "shallow")
	if out, err := exec.Command("git", "clone", "-q", "--depth", "2", "file://"+fx.Dir, shallow).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	res := scan(t, Options{Dir: shallow})
	if !res.Shallow {
		t.Error("shallow clone not detected")
	}
	if res.Commits != 2 {
		t.Errorf("scanned %d commits", res.Commits)
	}
	// The boundary commit shows its whole tree as added: the cosmos key,
	// added in the last-but-one commit, is found there.
	found := false
	for _, f := range res.Findings {
		found = found || f.Path == "config/cosmos.env"
	}
	if !found {
		t.Errorf("findings in a shallow clone: %v", res.Findings)
	}
}

// Scanning must not run programs the repository's configuration names.
func TestGitRunsNoRepositoryPrograms(t *testing.T) {
	fx := fixture(t)
	marker := filepath.Join(t.TempDir(), "ran")
	evil := filepath.Join(t.TempDir(), "evil.sh")
	script := "#!/bin/sh\necho \"$0 $*\" >> " + marker + "\ncat \"$1\" 2>/dev/null\nexit 0\n"
	if err := os.WriteFile(evil, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, kv := range [][2]string{
		{"core.fsmonitor", evil},
		{"diff.external", evil},
		{"diff.evil.textconv", evil},
		{"diff.evil.command", evil},
		{"core.pager", evil},
		{"pager.log", evil},
		{"pager.diff", evil},
		{"log.showSignature", "true"},
		{"gpg.program", evil},
		{"core.hooksPath", filepath.Dir(evil)},
		{"filter.evil.clean", evil},
		{"filter.evil.smudge", evil},
		{"core.sshCommand", evil},
		{"diff.noprefix", "true"},
		{"color.ui", "always"},
	} {
		if err := historyrepo.Git(fx.Dir, nil, "config", kv[0], kv[1]); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(fx.Dir, ".git/info/attributes"), []byte("* diff=evil filter=evil\n"), 0o644)
	addSignedCommit(t, fx.Dir)
	// A staged change, so that diff --cached has something to show.
	os.WriteFile(filepath.Join(fx.Dir, "README.md"), []byte("changed\n"), 0o644)
	cmd := exec.Command("git", "-C", fx.Dir, "-c", "core.fsmonitor=false", "-c", "filter.evil.clean=cat", "add", "README.md")
	cmd.Env = historyrepo.FixedEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	os.Remove(marker)

	res := scan(t, Options{Dir: fx.Dir})
	checkFindings(t, fx, res.Findings, fx.Planted)
	scan(t, Options{Dir: fx.Dir, Staged: true})
	scan(t, Options{Dir: fx.Dir, Since: fx.Since, Progress: new(bytes.Buffer)})
	if data, err := os.ReadFile(marker); err == nil {
		t.Errorf("a repository-configured program ran:\n%s", data)
	}

	// The same configuration does run the program under a plain git: the
	// test would notice if the setup stopped exercising it.
	for _, args := range [][]string{{"diff", "--cached"}, {"log", "-p", "-1", "signed"}} {
		os.Remove(marker)
		plain := exec.Command("git", append([]string{"-C", fx.Dir}, args...)...)
		plain.Env = historyrepo.FixedEnv()
		plain.Run()
		if _, err := os.Stat(marker); err != nil {
			t.Errorf("control: plain git %s ran no program; the test proves nothing", args)
		}
	}
}

// addSignedCommit adds a branch "signed" whose tip carries a (fake) PGP
// signature, so that log.showSignature would run gpg.program.
func addSignedCommit(t *testing.T, dir string) {
	t.Helper()
	git := func(stdin string, args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = historyrepo.FixedEnv()
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("git %v: %v", args, err)
		}
		return strings.TrimSpace(string(out))
	}
	tree := git("", "rev-parse", "HEAD^{tree}")
	head := git("", "rev-parse", "HEAD^") // so the commit changes a file and git log shows it
	obj := "tree " + tree + "\nparent " + head + "\n" +
		"author A <a@example.com> 1700000000 +0000\ncommitter A <a@example.com> 1700000000 +0000\n" +
		"gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\nsigned\n"
	sha := git(obj, "hash-object", "-t", "commit", "-w", "--stdin")
	git("", "update-ref", "refs/heads/signed", sha)
}

func TestLoggerSilenced(t *testing.T) {
	scanner(t)
	if lvl := logging.Logger.GetLevel().String(); lvl != "disabled" {
		t.Errorf("gitleaks logger level %q, want disabled", lvl)
	}
}

func TestProgress(t *testing.T) {
	fx := fixture(t)
	var buf bytes.Buffer
	scan(t, Options{Dir: fx.Dir, Progress: &buf})
	if !strings.Contains(buf.String(), "commits") || !strings.Contains(buf.String(), "/"+itoa(len(fx.Commits))+" commits") {
		t.Errorf("progress output %q", buf.String())
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// A panic in detection is an error naming where it happened, not a crash.
func TestInternalErrorIsAnError(t *testing.T) {
	fx := fixture(t)
	eng, err := secrets.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	s := NewScanner(panicky{eng}, nil)
	_, err = s.Scan(context.Background(), Options{Dir: fx.Dir})
	if err == nil || !strings.Contains(err.Error(), "internal error in the secret engine while scanning ") ||
		!strings.Contains(err.Error(), "index out of range") {
		t.Fatalf("err = %v", err)
	}
}

// panicky is an engine whose Validate panics like a bug would.
type panicky struct{ *secrets.Engine }

func (p panicky) Validate(ruleID, secret string) bool {
	var xs []int
	return xs[len(secret)] > 0
}

// gitleaks' global allowlist applies: paths (checked once per path by
// keyless), and its stopwords and regexes (left to gitleaks).
func TestGlobalAllowlist(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "repo")
	im, err := historyrepo.NewImporter(dir)
	if err != nil {
		t.Fatal(err)
	}
	k := corpus.New(21)
	pat1, pat2, pat3 := k.GitHubPAT(), k.GitHubPAT(), k.GitHubPAT()
	im.Commit("main", "", "deps",
		historyrepo.Put("node_modules/x/index.js", "const t = \""+pat1+"\";\n"),
		historyrepo.Put("vendor/github.com/a/b/c.go", "const t = \""+pat2+"\"\n"),
		historyrepo.Put("src/index.js", "const t = \""+pat3+"\";\n"+
			"const api_key = \"014df517-39d1-4453-b7b3-9930c563627c\";\n"+ // global stopword
			"const token = \"xQ9vT3kZ0abcdefghijklmnopqrstuvwxyzR7\";\n"))
	im.Commit("main", "", "more", historyrepo.Put("node_modules/x/other.js", "const u = \""+k.GitHubPAT()+"\";\n"))
	if _, err := im.Close(); err != nil {
		t.Fatal(err)
	}
	res := scan(t, Options{Dir: dir})
	if len(res.Findings) != 1 || res.Findings[0].Path != "src/index.js" || res.Findings[0].Line != 1 {
		t.Errorf("findings: %+v", res.Findings)
	}
}

func TestSplitPathAllowlists(t *testing.T) {
	eng, err := secrets.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	orig := eng.GitleaksConfig()
	cfg, paths := splitPathAllowlists(orig)
	var words, regexes, origWords, origRegexes int
	for _, a := range cfg.Allowlists {
		if len(a.Paths) > 0 && a.MatchCondition == 0 {
			t.Errorf("OR allowlist %q keeps its paths", a.Description)
		}
		words += len(a.StopWords)
		regexes += len(a.Regexes)
	}
	for _, a := range orig.Allowlists {
		origWords += len(a.StopWords)
		origRegexes += len(a.Regexes)
	}
	if words != origWords || regexes != origRegexes || words == 0 || regexes == 0 {
		t.Errorf("stopwords %d of %d, regexes %d of %d kept", words, origWords, regexes, origRegexes)
	}
	if len(paths) == 0 || !paths[0].PathAllowed("node_modules/x.js") {
		t.Errorf("path allowlists: %d", len(paths))
	}
	if len(orig.Allowlists) == 0 || len(orig.Allowlists[0].Paths) == 0 {
		t.Error("the engine's configuration was modified")
	}
}
