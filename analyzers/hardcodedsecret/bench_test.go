package hardcodedsecret_test

import (
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/packages"

	"github.com/keyless-dev/keyless/analyzers/hardcodedsecret"
)

// BenchmarkAnalyzer runs hardcodedsecret on standard-library packages
// loaded once, and reports its cost relative to loading and type-checking
// them (the "overhead" metric, in percent) and relative to the inspect
// pass it requires. One op = one run over every package.
func BenchmarkAnalyzer(b *testing.B) {
	patterns := []string{"net/http", "crypto/...", "encoding/..."}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Tests: false}
	start := time.Now()
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		b.Fatal(err)
	}
	load := time.Since(start)
	if packages.PrintErrors(pkgs) > 0 {
		b.Fatal("load errors")
	}
	run := func(a *analysis.Analyzer) {
		if _, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil); err != nil {
			b.Fatal(err)
		}
	}
	run(hardcodedsecret.Analyzer) // build the engine outside the timing
	var base time.Duration
	for i := 0; i < 3; i++ {
		t := time.Now()
		run(inspect.Analyzer)
		base += time.Since(t)
	}
	base /= 3
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		run(hardcodedsecret.Analyzer)
	}
	per := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(len(pkgs)), "pkgs")
	b.ReportMetric(float64(load.Milliseconds()), "load-ms")
	b.ReportMetric(100*float64(per-base)/float64(load), "overhead-%")
}
