package keyauth_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keyless-dev/keyless/analyzers/keyauth"
)

func TestAzOpenAI(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keyauth.Analyzer, "azopenaiuse")
}
