package hardcodedsecret_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keyless-dev/keyless/analyzers/hardcodedsecret"
	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/secrets/corpus"
)

// corpusSeed fixes the generated corpus; change it to re-roll every key.
const corpusSeed = 20250611

// collector receives analysistest's complaints. Diagnostics without a
// "// want" (the corpus has none) are expected: the test scores them.
// Anything else (a load or type error) fails the test.
type collector struct{ t *testing.T }

func (c collector) Errorf(format string, args ...any) {
	if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, "unexpected diagnostic") {
		c.t.Errorf("analysistest: %s", msg)
	}
}

type score struct{ tp, fp, fn int }

func (s score) precision() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}

func (s score) recall() float64 {
	if s.tp+s.fn == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

// TestCorpusPrecisionRecall runs the analyzer over a generated module of
// planted secrets and decoys and requires precision and recall of at least
// 0.95 for every rule.
func TestCorpusPrecisionRecall(t *testing.T) {
	c := corpus.Build(corpusSeed, 4)
	dir := t.TempDir()
	if err := c.Write(dir); err != nil {
		t.Fatal(err)
	}
	results := analysistest.Run(collector{t}, dir, hardcodedsecret.Analyzer, "./...")

	type key struct {
		file string
		line int
	}
	planted := map[key]corpus.Planted{}
	for _, p := range c.Planted {
		planted[key{p.File, p.Line}] = p
	}
	decoys := map[key]string{}
	for _, d := range c.Decoys {
		decoys[key{d.File, d.Line}] = d.What
	}
	scores := map[string]*score{}
	get := func(id string) *score {
		if scores[id] == nil {
			scores[id] = &score{}
		}
		return scores[id]
	}
	found := map[key]bool{}
	seen := map[string]bool{} // the test variant re-analyzes the package's files
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if id := fmt.Sprint(r.Action.Package.Fset.Position(d.Pos), d.Category); seen[id] {
				continue
			} else {
				seen[id] = true
			}
			pos := r.Action.Package.Fset.Position(d.Pos)
			rel, err := filepath.Rel(dir, pos.Filename)
			if err != nil {
				t.Fatal(err)
			}
			k := key{filepath.ToSlash(rel), pos.Line}
			id := strings.TrimSuffix(strings.TrimPrefix(d.Category, "hardcodedsecret/"), rules.TestSuffix)
			if strings.HasSuffix(k.file, "_test.go") != strings.HasSuffix(d.Category, rules.TestSuffix) {
				t.Errorf("%s:%d: rule id %s does not match the file kind", k.file, k.line, d.Category)
			}
			p, ok := planted[k]
			switch {
			case ok && p.RuleID == id && !found[k]:
				found[k] = true
				get(id).tp++
			case ok && p.RuleID == id:
				get(id).fp++
				t.Logf("duplicate: %s:%d %s", k.file, k.line, id)
			default:
				get(id).fp++
				what := decoys[k]
				if ok {
					what = "planted " + p.RuleID
				}
				t.Logf("false positive: %s:%d %s on %q", k.file, k.line, id, what)
			}
		}
	}
	for k, p := range planted {
		if !found[k] {
			get(p.RuleID).fn++
			t.Logf("missed: %s:%d %s (%s)", k.file, k.line, p.RuleID, p.Form)
		}
	}
	var ids []string
	for id := range scores {
		ids = append(ids, id)
	}
	for _, id := range c.Rules() {
		if scores[id] == nil {
			t.Errorf("%s: planted but never scored", id)
		}
	}
	sortStrings(ids)
	var table strings.Builder
	fmt.Fprintf(&table, "%-36s %4s %4s %4s %9s %6s\n", "rule", "tp", "fp", "fn", "precision", "recall")
	for _, id := range ids {
		s := scores[id]
		fmt.Fprintf(&table, "%-36s %4d %4d %4d %9.3f %6.3f\n", id, s.tp, s.fp, s.fn, s.precision(), s.recall())
		if s.precision() < 0.95 || s.recall() < 0.95 {
			t.Errorf("%s: precision %.3f, recall %.3f; both must be >= 0.95", id, s.precision(), s.recall())
		}
	}
	t.Logf("corpus: %d planted, %d decoys\n%s", len(c.Planted), len(c.Decoys), table.String())
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
