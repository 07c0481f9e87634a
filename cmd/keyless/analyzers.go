package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"golang.org/x/tools/go/analysis"

	"github.com/keyless-dev/keyless/analyzers"
)

// The analyzers keyless runs, in `keyless lint` and under
// `go vet -vettool`, are analyzers.All (one line per analyzer).

// buildAnalyzers builds defs with opts. Each analyzer's Run is wrapped so
// that a panic becomes an error naming the analyzer and package: keyless
// reports it on one line and exits 2 instead of printing a trace.
func buildAnalyzers(defs []analyzers.Def, opts analyzers.Options) []*analysis.Analyzer {
	as := make([]*analysis.Analyzer, len(defs))
	for i, d := range defs {
		as[i] = guarded(d.New(opts))
	}
	return as
}

// guarded wraps a's Run in place (New returns a fresh analyzer, and
// wrapping in place keeps Requires edges between analyzers intact).
func guarded(a *analysis.Analyzer) *analysis.Analyzer {
	run := a.Run
	a.Run = func(pass *analysis.Pass) (res any, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("internal error: analyzer %s panicked on package %s: %v", a.Name, pass.Pkg.Path(), r)
				if debugPanics {
					err = fmt.Errorf("%w\n%s", err, debug.Stack())
				}
			}
		}()
		return run(pass)
	}
	return a
}

// recoverInternal, deferred by a command, turns a panic into one error
// line and exit 2 (KEYLESS_DEBUG=1 re-panics, with the trace).
func recoverInternal(cmd string, code *int) {
	if r := recover(); r != nil {
		*code = failf(cmd, "internal error: %v (please report it; KEYLESS_DEBUG=1 adds detail)", r)
		if debugPanics {
			panic(r)
		}
	}
}

// debugPanics adds stack traces to analyzer panics (KEYLESS_DEBUG=1).
var debugPanics = os.Getenv("KEYLESS_DEBUG") != ""

// needsFacts reports whether any analyzer, or one it requires, uses
// facts: only then must dependencies be loaded from source.
func needsFacts(as []*analysis.Analyzer) bool {
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer) bool
	visit = func(a *analysis.Analyzer) bool {
		if seen[a] {
			return false
		}
		seen[a] = true
		if len(a.FactTypes) > 0 {
			return true
		}
		for _, r := range a.Requires {
			if visit(r) {
				return true
			}
		}
		return false
	}
	for _, a := range as {
		if visit(a) {
			return true
		}
	}
	return false
}
