package broadrole_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keyless-dev/keyless/analyzers/broadrole"
	"github.com/keyless-dev/keyless/analyzers/internal/lintutil"
	"github.com/keyless-dev/keyless/internal/rules"
)

func TestAssignments(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), broadrole.Analyzer, "assign", "wrappers")
}

func TestVersionsPIMAndLookups(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), broadrole.Analyzer, "versions")
}

func TestNegatives(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), broadrole.Analyzer, "negatives")
	for _, r := range results {
		if n := len(r.Diagnostics); n != 0 {
			t.Errorf("negatives: %d diagnostics, want none", n)
		}
	}
}

func TestCustomRoleDefinitions(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), broadrole.Analyzer, "customrole")
}

func TestLocalAuth(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), broadrole.Analyzer, "localauth", "localauthv2")
}

// A custom role added in a user rules file is recognised, with its own
// why and instead.
func TestUserCatalogRole(t *testing.T) {
	p := filepath.Join(t.TempDir(), "rules.yaml")
	body := `roles:
  - name: Acme Platform Operator
    guid: 0B5FE8A2-1C5E-4A47-9D0E-3F1A2B3C4D5E
    class: broad
    why: it can run every pipeline and read every secret of the platform
    instead: Cognitive Services OpenAI User
`
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	cat, err := rules.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), broadrole.New(lintutil.Options{Catalog: cat}), "customcatalog")

	// Without the user file the role is unknown: nothing is reported.
	for _, r := range rules.Default().Roles {
		if strings.EqualFold(r.GUID, "0b5fe8a2-1c5e-4a47-9d0e-3f1a2b3c4d5e") {
			t.Fatal("the default catalog already knows the custom role; the test proves nothing")
		}
	}
	results := analysistest.Run(&quiet{T: t}, analysistest.TestData(), broadrole.Analyzer, "customcatalog")
	for _, r := range results {
		if len(r.Diagnostics) != 0 {
			t.Errorf("default catalog reported %d diagnostics on a role it does not know", len(r.Diagnostics))
		}
	}
}

// A disabled rule is not reported.
func TestDisabledRule(t *testing.T) {
	p := filepath.Join(t.TempDir(), "rules.yaml")
	if err := os.WriteFile(p, []byte("disable:\n  - broadrole/custom-role-wildcard\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cat, err := rules.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	results := analysistest.Run(&quiet{T: t}, analysistest.TestData(), broadrole.New(lintutil.Options{Catalog: cat}), "customrole")
	for _, r := range results {
		if len(r.Diagnostics) != 0 {
			t.Errorf("disabled rule still reported %d diagnostics", len(r.Diagnostics))
		}
	}
}

// quiet drops analysistest's complaints about unmet `// want`
// expectations, for runs that expect no diagnostics on annotated files.
type quiet struct{ *testing.T }

func (q *quiet) Errorf(format string, args ...any) {
	if msg := fmt.Sprintf(format, args...); strings.Contains(msg, "no diagnostic was reported matching") {
		return
	}
	q.T.Errorf(format, args...)
}

// TestSharedResolver: values are followed as package constval follows
// them for keyauth too (tuple results, zero-value declarations, pointers
// handed to functions, bools through helpers), and fixes name imports
// as fixedit does.
func TestSharedResolver(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), broadrole.Analyzer, "resolve")
	// The golden file is compared only when a fix exists: require it.
	fixed := false
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if filepath.Base(r.Pass.Fset.File(d.Pos).Name()) == "noto.go" {
				fixed = len(d.SuggestedFixes) == 1
			}
		}
	}
	if !fixed {
		t.Error("noto.go: no fix next to a variable named to")
	}
}

// TestCrossPackageRoles: roles chosen in a Default method, a helper and a
// package-level variable of another package (facts), and in a method of
// the same package, are followed to the assignment.
func TestCrossPackageRoles(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), broadrole.Analyzer, "defaults", "crosspkg")
}
