package keyauth_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
	"github.com/keyless-dev/keyless/analyzers/keyauth"
	"github.com/keyless-dev/keyless/internal/rules"
)

// TestDetection runs the detection suites (one load for all).
func TestDetection(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keyauth.Analyzer,
		"azopenaiuse", "openaiuse", "services", "ignoreuse", "listkeys",
		"example.com/wrapperlib", "example.com/wrapperlib2", "example.com/wrapperuser")
}

// fixPackages have .golden files: RunWithSuggestedFixes compares the
// result of all fixes with them, and checkFixesCompile type-checks each
// fix alone, all fixes together and the golden files.
var fixPackages = []string{"fixswap", "fixmulti", "fixstorage", "fixopenai", "fixnames", "nofix", "fixconnstr", "fixreview"}

func TestFixes(t *testing.T) {
	runFixes(t, analysistest.TestData(), keyauth.Analyzer, fixPackages...)
}

// TestKeepSuppressed: with KeepSuppressed (the keyless CLI) an ignored
// finding is still reported, so that SARIF can show it as suppressed,
// but it carries no fix.
func TestKeepSuppressed(t *testing.T) {
	a := keyauth.New(lintutil.Options{KeepSuppressed: true})
	results := analysistest.Run(nopT{}, analysistest.TestData(), a, "ignoreuse")
	n, fixes := 0, 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			n++
			fixes += len(d.SuggestedFixes)
		}
	}
	if n != 4 {
		t.Errorf("got %d diagnostics with KeepSuppressed, want 4", n)
	}
	if fixes != 2 {
		t.Errorf("got %d fixes, want 2 (none for the suppressed findings)", fixes)
	}
}

// TestUserCatalog: an entry of a user rules file (an in-house function
// with keyArg and swap-credential, no code) is matched and fixed by an
// analyzer built with that catalog, and not by the default one.
func TestUserCatalog(t *testing.T) {
	cat, err := rules.Load(filepath.Join(analysistest.TestData(), "inhouse-rules.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	a := keyauth.New(lintutil.Options{Catalog: cat})
	runFixes(t, analysistest.TestData(), a, "inhouseuse")

	for _, r := range analysistest.Run(nopT{}, analysistest.TestData(), keyauth.Analyzer, "inhouseuse") {
		if len(r.Diagnostics) != 0 {
			t.Errorf("default catalog reports the in-house client: %v", r.Diagnostics[0].Message)
		}
	}
}

// noFixReasons: lines of nofix (by a substring) whose finding says, in
// its related information, why it has no fix.
var noFixReasons = map[string]string{
	"NewKeyCredential(cfg.Key)": "the variable cfg would become unused",
	"var global, _ = azopenai.": "not in a function body",
}

func TestNoFix(t *testing.T) {
	for _, r := range analysistest.Run(t, analysistest.TestData(), keyauth.Analyzer, "nofix") {
		for _, d := range r.Diagnostics {
			pos := r.Pass.Fset.Position(d.Pos)
			src, err := os.ReadFile(pos.Filename)
			if err != nil {
				t.Fatal(err)
			}
			line := strings.Split(string(src), "\n")[pos.Line-1]
			if want := strings.Contains(line, "FIXABLE"); want != (len(d.SuggestedFixes) == 1) {
				t.Errorf("%v: fixes = %d, want fixable=%v: %s", pos, len(d.SuggestedFixes), want, d.Message)
			}
			// Why there is no fix is related information, not message text.
			for sub, reason := range noFixReasons {
				if !strings.Contains(line, sub) {
					continue
				}
				if len(d.Related) != 1 || !strings.HasPrefix(d.Related[0].Message, keyauth.NoFixPrefix) || !strings.Contains(d.Related[0].Message, reason) {
					t.Errorf("%v: related information %v, want %q", pos, d.Related, keyauth.NoFixPrefix+"…"+reason+"…")
				}
				if strings.Contains(d.Message, reason) {
					t.Errorf("%v: the message repeats the no-fix reason: %s", pos, d.Message)
				}
			}
		}
	}
}

// TestOpenAIVersion: the same code gets a fix on openai-go v3.52.0 (the
// version comes from the module's internal.PackageVersion through a
// package fact) and none on v3.99.0 (see openaiuse.baseURLv1).
func TestOpenAIVersion(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "openai-v3.52")
	runFixes(t, dir, keyauth.Analyzer, "fixopenai352")
}

// TestIrrelevantPackagesAreFree: a package that imports no cataloged
// package (nor one with wrapper facts) costs no traversal; keyauth runs
// on every dependency because of its facts, so this keeps it within the
// overhead budget.
func TestIrrelevantPackagesAreFree(t *testing.T) {
	before := keyauth.InspectorBuilds()
	analysistest.Run(t, analysistest.TestData(), keyauth.Analyzer, "plain")
	if n := keyauth.InspectorBuilds() - before; n != 0 {
		t.Errorf("keyauth built %d inspectors for a package (and std deps) with nothing to find", n)
	}
	before = keyauth.InspectorBuilds()
	analysistest.Run(nopT{}, analysistest.TestData(), keyauth.Analyzer, "fixswap")
	if n := keyauth.InspectorBuilds() - before; n != 1 {
		t.Errorf("keyauth built %d inspectors for fixswap and its dependencies, want 1 (SDK stubs are skipped)", n)
	}
}

// TestResolvedValues: base URLs and connection strings built by helpers
// of the package are followed (as broadrole always did), so an Azure
// base URL made by a helper is key auth to Azure and a connection string
// made by one still yields its endpoint.
func TestResolvedValues(t *testing.T) {
	runFixes(t, analysistest.TestData(), keyauth.Analyzer, "fixresolve")
}
