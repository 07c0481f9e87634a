package history

import (
	"context"
	"encoding/base64"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/safegit"
	"github.com/keyless-dev/keyless/internal/secrets"
	"github.com/keyless-dev/keyless/testdata/historyrepo"
)

// withFullDetectors runs f with small scans disabled: every scan builds
// detectors of every rule, as all scans did before.
func withFullDetectors(f func()) {
	old := smallScanBytes
	smallScanBytes = -1
	defer func() { smallScanBytes = old }()
	f()
}

// A small scan (detectors of only the rules its text calls for) finds
// exactly what a scan with every rule finds: on the whole fixture history
// (keys in plain text, base64, hex and percent-encoded, in YAML, env and Go
// files, decoys) and on the staged diff.
func TestSmallScanEqualsFull(t *testing.T) {
	fx := fixture(t)
	if _, err := fx.Stage(); err != nil {
		t.Fatal(err)
	}
	for _, opts := range []Options{{Dir: fx.Dir}, {Dir: fx.Dir, Staged: true}, {Dir: fx.Dir, Reveal: true, LogOpts: "-- config/cosmos.env"}} {
		small := scan(t, opts)
		var full *Result
		withFullDetectors(func() { full = scan(t, opts) })
		if len(full.Findings) == 0 {
			t.Fatalf("%+v: no findings: the comparison checks nothing", opts)
		}
		if !reflect.DeepEqual(small.Findings, full.Findings) {
			t.Errorf("%+v: small scan differs from the full one:\n small %+v\n full  %+v", opts, small.Findings, full.Findings)
		}
	}
}

// A small change compiles the few rules its keywords call for, not all.
func TestSmallScanCompilesFewRules(t *testing.T) {
	s := scanner(t)
	ch := &safegit.Hunk{Path: "app/config.go", Text: []byte("var endpoint = \"https://example.openai.azure.com/\"\nvar timeout = 30\n")}
	d := s.forChanges([]*safegit.Hunk{ch})
	all := len(s.engine.GitleaksConfig().OrderedRules)
	if n := len(d.det.Config.OrderedRules); n == 0 || n > all/4 {
		t.Errorf("a two-line change builds detectors of %d of %d rules", n, all)
	}
}

// BenchmarkStagedStartup is `keyless history -staged` on a one-file
// staged change in process, from loading the catalog to the findings:
// "full" builds detectors of every rule (as every scan did before),
// "small" of the rules the change calls for.
func BenchmarkStagedStartup(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "repo")
	if err := historyrepo.Git(b.TempDir(), nil, "init", "-q", dir); err != nil {
		b.Fatal(err)
	}
	fx := &historyrepo.Fixture{Dir: dir}
	if _, err := fx.Stage(); err != nil {
		b.Fatal(err)
	}
	run := func(b *testing.B) {
		for b.Loop() {
			cat := rules.Default()
			det, err := secrets.New(cat)
			if err != nil {
				b.Fatal(err)
			}
			res, err := NewScanner(det, cat).Scan(context.Background(), Options{Dir: dir, Staged: true})
			if err != nil || len(res.Findings) != 1 {
				b.Fatalf("%v %v", res, err)
			}
		}
	}
	b.Run("full", func(b *testing.B) { withFullDetectors(func() { run(b) }) })
	b.Run("small", run)
}

// A key whose rule's keyword shows only once gitleaks' decoding pass has
// decoded it (a base64 GitHub token: "ghp_" is not in its base64 form) is
// found by a small scan as by a full one.
func TestSmallScanDecodedKeyword(t *testing.T) {
	// A token-shaped value built at test time, never written whole.
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	tok := []byte("ghp_")
	for i, x := 0, uint32(2026); i < 36; i++ {
		x = x*1664525 + 1013904223
		tok = append(tok, alnum[x>>24%uint32(len(alnum))])
	}
	text := "data:\n  token: " + base64.StdEncoding.EncodeToString(tok) + "\n"
	if strings.Contains(strings.ToLower(text), "ghp_") {
		t.Fatal("the keyword shows in the encoded text: the test checks nothing")
	}
	s := scanner(t)
	rulesOf := func(d *detectors) []string {
		var ids []string
		for _, f := range d.det.DetectString(text) {
			ids = append(ids, f.RuleID)
		}
		sort.Strings(ids)
		return ids
	}
	full := rulesOf(s.full())
	if !slices.Contains(full, "github-pat") {
		t.Fatalf("the full detector does not find the encoded token (found %v)", full)
	}
	if small := rulesOf(s.forChanges([]*safegit.Hunk{{Path: "k8s/secret.yaml", Text: []byte(text)}})); !slices.Equal(small, full) {
		t.Errorf("small scan found %v, full %v", small, full)
	}
}
