package history

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/secrets"
	"github.com/keyless-dev/keyless/internal/secrets/corpus"
	"github.com/keyless-dev/keyless/testdata/historyrepo"
)

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
