package history

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/secrets"
	"github.com/keyless-dev/keyless/internal/secrets/corpus"
	"github.com/keyless-dev/keyless/testdata/historyrepo"
)

// TestHistoryAgreesWithEngine stages the secret corpus (every key format in
// every form a program writes it, decoys, and texts where several rules
// find one secret) and checks that the history pass reports exactly what
// the engine that the hardcodedsecret analyzer runs reports on the same
// text: the same secrets under the same rule ids. Both take the rules that
// run and the overlap winner from one place (rules.SecretSection.Running,
// engine.Resolve); this test fails if either grows its own.
func TestHistoryAgreesWithEngine(t *testing.T) {
	dir := t.TempDir()
	if err := historyrepo.Git(dir, nil, "init", "-q"); err != nil {
		t.Fatal(err)
	}
	det, err := secrets.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := corpus.Build(7, 2)
	want := map[string]string{} // fingerprint → what, for failures
	overlaps := 0
	for name, text := range c.Files {
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, m := range det.ScanPath(name, text) {
			want[report.Fingerprint(RulePrefix+m.RuleID, name, secrets.Hash(m.Secret))] = m.RuleID + " " + name + " " + secrets.Redact(m.Secret)
		}
		overlaps += countDropped(t, scanner(t), text)
	}
	if err := historyrepo.Git(dir, nil, "add", "-A"); err != nil {
		t.Fatal(err)
	}
	res, err := scanner(t).Scan(context.Background(), Options{Dir: dir, Staged: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range res.Findings {
		got[f.Fingerprint] = strings.TrimPrefix(f.RuleID, RulePrefix) + " " + f.Path + " " + f.Secret
	}
	if len(want) < 20 {
		t.Fatalf("the engine found only %d secrets in the corpus: the test checks nothing", len(want))
	}
	if overlaps == 0 {
		t.Fatal("no text of the corpus has two rules finding one secret: the overlap rule is not exercised")
	}
	var missing, extra []string
	for k, what := range want {
		if _, ok := got[k]; !ok {
			missing = append(missing, what)
		}
	}
	for k, what := range got {
		if _, ok := want[k]; !ok {
			extra = append(extra, what)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing)+len(extra) > 0 {
		t.Errorf("history and the engine disagree on the staged corpus:\n only the engine:\n  %s\n only history:\n  %s", strings.Join(missing, "\n  "), strings.Join(extra, "\n  "))
	}
}

// countDropped is the number of validated gitleaks matches in text that
// the overlap rule removes (another rule reports the same secret).
func countDropped(t *testing.T, s *Scanner, text string) int {
	t.Helper()
	n := 0
	for _, f := range s.full().det0.DetectString(text) {
		if s.engine.Validate(f.RuleID, f.Secret) {
			n++
		}
	}
	return n - len(s.engine.(*secrets.Detector).Scan(text))
}
