package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is keyless's version: the main module's version when built by
// `go install module@version`, else "devel".
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			return v
		}
	}
	return "devel"
}

func runVersion(args []string) int {
	fs := newFlagSet("version", "", "Print keyless's version.")
	rest, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return failf("version", "takes no arguments")
	}
	fmt.Fprintf(stdout, "keyless %s (%s %s/%s)\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return 0
}
