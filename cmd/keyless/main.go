// Command keyless finds API-key authentication to Azure AI and data
// services in Go code and git history, and moves code to Microsoft Entra ID.
//
//	keyless lint [flags] [packages]    analyzers on Go packages (default ./...)
//	keyless history [flags] [dir]      secrets anywhere in git history
//	keyless baseline [flags] [dir]     record current history findings
//	keyless infra [flags] [dir]        Go code vs Bicep, ARM and Terraform
//	keyless explain RULE               a rule's documentation
//	keyless rules                      list every rule id
//	keyless version
//
// Invoked by `go vet -vettool=$(command -v keyless)`, it speaks the
// unitchecker protocol instead.
package main

import (
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/keyless-dev/keyless/internal/report"
)

const usage = `usage: keyless <command> [flags] [args]

commands:
  lint [packages]    run the analyzers on Go packages (default ./...)
  history [dir]      scan git history for secrets (default .)
  baseline [dir]     write a baseline of current history findings
  infra [dir]        cross-check Go code with Bicep, ARM and Terraform (default .)
  explain RULE       print a rule's documentation
  rules              list every rule id
  version            print the version

Run 'keyless <command> -h' for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if isVetTool(args) {
		runVetTool()
		return 0 // not reached: unitchecker exits
	}
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return report.ExitError
	}
	if p := os.Getenv("KEYLESS_CPUPROFILE"); p != "" {
		// Hidden, for bench/: a CPU profile of the run.
		if pf, err := os.Create(p); err == nil {
			if pprof.StartCPUProfile(pf) == nil {
				defer pprof.StopCPUProfile()
			}
		}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "lint":
		return runLint(rest)
	case "history":
		return runHistory(rest)
	case "baseline":
		return runBaseline(rest)
	case "infra":
		return runInfra(rest)
	case "explain":
		return runExplain(rest)
	case "rules":
		return runRules(rest)
	case "version", "-version", "--version":
		return runVersion(rest)
	case "help", "-h", "-help", "--help":
		fmt.Print(usage)
		return report.ExitClean
	}
	fmt.Fprintf(os.Stderr, "keyless: unknown command %q\n%s", cmd, usage)
	return report.ExitError
}
