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

func TestAzOpenAI(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keyauth.Analyzer, "azopenaiuse")
}

// fixPackages have .golden files: RunWithSuggestedFixes compares the
// result of all fixes with them, and checkFixesCompile type-checks each
// fix alone, all fixes together and the golden files.
var fixPackages = []string{"fixswap", "fixmulti", "fixstorage", "fixopenai", "fixnames", "nofix"}

func TestFixes(t *testing.T) {
	for _, pkg := range fixPackages {
		t.Run(pkg, func(t *testing.T) {
			checkFixesCompile(t, analysistest.TestData(), keyauth.Analyzer, pkg)
			analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), keyauth.Analyzer, pkg)
		})
	}
}

func TestOpenAI(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keyauth.Analyzer, "openaiuse")
}

func TestServices(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keyauth.Analyzer, "services")
}

// TestWrappers checks that wrapper facts cross packages: wrapperuser
// sees the wrappers of wrapperlib and wrapperlib2 (itself a wrapper of
// wrapperlib).
func TestWrappers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keyauth.Analyzer, "example.com/wrapperlib", "example.com/wrapperlib2", "example.com/wrapperuser")
}

func TestIgnore(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keyauth.Analyzer, "ignoreuse")
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
	checkFixesCompile(t, analysistest.TestData(), a, "inhouseuse")
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), a, "inhouseuse")

	for _, r := range analysistest.Run(nopT{}, analysistest.TestData(), keyauth.Analyzer, "inhouseuse") {
		if len(r.Diagnostics) != 0 {
			t.Errorf("default catalog reports the in-house client: %v", r.Diagnostics[0].Message)
		}
	}
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
		}
	}
}

// TestOpenAIVersion: the same code gets a fix on openai-go v3.52.0 (the
// version comes from the module's internal.PackageVersion through a
// package fact) and none on v3.99.0 (see openaiuse.baseURLv1).
func TestOpenAIVersion(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "openai-v3.52")
	checkFixesCompile(t, dir, keyauth.Analyzer, "fixopenai352")
	analysistest.RunWithSuggestedFixes(t, dir, keyauth.Analyzer, "fixopenai352")
}
