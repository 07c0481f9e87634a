package keyauth_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keyless-dev/keyless/analyzers/keyauth"
)

func TestAzOpenAI(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keyauth.Analyzer, "azopenaiuse")
}

// fixPackages have .golden files: RunWithSuggestedFixes compares the
// result of all fixes with them, and checkFixesCompile type-checks each
// fix alone, all fixes together and the golden files.
var fixPackages = []string{"fixswap", "fixmulti", "fixstorage", "fixopenai"}

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
