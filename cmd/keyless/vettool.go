package main

import (
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/keyless-dev/keyless/analyzers"
)

// isVetTool reports whether keyless was started by `go vet -vettool`,
// which speaks the unitchecker protocol: `-flags` (describe flags),
// `-V=full` (version for the build cache), then `[-flag...] unit.cfg`
// once per package.
func isVetTool(args []string) bool {
	if len(args) == 0 {
		return false
	}
	switch a := args[0]; {
	case a == "-flags", a == "--flags", a == "-V", a == "--V", strings.HasPrefix(a, "-V="), strings.HasPrefix(a, "--V="):
		return true
	}
	last := args[len(args)-1]
	if !strings.HasSuffix(last, ".cfg") {
		return false
	}
	for _, a := range args[:len(args)-1] {
		if !strings.HasPrefix(a, "-") {
			return false
		}
	}
	return true
}

// runVetTool runs every analyzer under the unitchecker protocol with the
// embedded rules. Suppressed findings are dropped, as go vet users expect;
// each analyzer can be turned off with -<name>=false as usual.
func runVetTool() {
	var as = buildAnalyzers(analyzers.All, analyzers.Options{})
	unitchecker.Main(as...)
}
