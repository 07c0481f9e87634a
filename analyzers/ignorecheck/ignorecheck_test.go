package ignorecheck_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keyless-dev/keyless/analyzers/ignorecheck"
	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
	"github.com/keyless-dev/keyless/internal/rules"
)

func TestIgnoreCheck(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), ignorecheck.Analyzer, "a")
}

// A rule added by a user's rules file is known, so ignoring it is valid;
// a catalog without it reports it.
func TestUserRulesAreKnown(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "rules.yaml")
	body := "checks:\n  - id: team/custom\n    title: t\n    severity: note\n"
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	cat, err := rules.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), ignorecheck.New(lintutil.Options{Catalog: cat}), "custom")
	analysistest.Run(t, analysistest.TestData(), ignorecheck.Analyzer, "customunknown")
}

// Disabling ignore/missing-reason in the catalog silences it.
func TestDisabledRule(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(cfg, []byte("disable:\n  - ignore/missing-reason\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cat, err := rules.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), ignorecheck.New(lintutil.Options{Catalog: cat}), "disabled")
}
