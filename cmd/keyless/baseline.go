package main

import (
	"fmt"

	"github.com/keyless-dev/keyless/internal/history"
	"github.com/keyless-dev/keyless/internal/report"
)

const baselineDescription = `Scan the history of the git repository containing dir (default .) like
keyless history and record every finding in a baseline file: fingerprints
(rule, path, hash of the secret) with the rule, path and first commit,
never a secret. keyless history -baseline FILE then reports those findings
as suppressed, so CI fails only on new ones. A baselined key still leaked:
rotate it.

Without -update the file is rewritten with every current finding (this is
how new findings are accepted). With -update the existing file is only
pruned: entries no longer found are dropped, nothing is added.

Exit status: 0 written, 2 usage, configuration or git error.`

func runBaseline(args []string) int {
	fs := newFlagSet("baseline", "[flags] [dir]", baselineDescription)
	var sf scanFlags
	var path, config string
	var update bool
	sf.register(fs, false)
	fs.StringVar(&path, "baseline", ".keyless-baseline.json", "baseline `file` to write (or to prune with -update)")
	fs.BoolVar(&update, "update", false, "prune entries of the existing baseline that are no longer found; add none")
	fs.StringVar(&config, "config", "", "rules `file` layered over the embedded rules.yaml")
	rest, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 1 {
		return failf("baseline", "takes at most one directory, got %d arguments", len(rest))
	}
	if err := sf.check(); err != nil {
		return failf("baseline", "%v", err)
	}
	if update && sf.since != "" {
		return failf("baseline", "-update needs a scan of the whole history: -since would prune entries of older commits")
	}
	dir := "."
	if len(rest) == 1 {
		dir = rest[0]
	}
	var old *history.Baseline
	if update {
		if err := checkInside(path); err != nil {
			return failf("baseline", "%v", err)
		}
		var err error
		if old, err = history.ReadBaseline(path); err != nil {
			return failf("baseline", "%v", err)
		}
	}
	opts := sf.options(dir)
	ign, err := loadIgnores(dir, "")
	if err != nil {
		return failf("baseline", "%v", err)
	}
	opts.Ignore = ign
	_, res, err := scanHistory(config, opts)
	if err != nil {
		return failf("baseline", "%v", err)
	}
	if update {
		pruned := old.Prune(res.Findings)
		if err := old.Write(path); err != nil {
			return failf("baseline", "%v", err)
		}
		fmt.Fprintf(stderr, "keyless baseline: pruned %d stale entries from %s, %d left\n", pruned, path, len(old.Findings))
		return 0
	}
	b := history.NewBaseline(res.Findings)
	if err := b.Write(path); err != nil {
		return failf("baseline", "%v", err)
	}
	fmt.Fprintf(stderr, "keyless baseline: wrote %s to %s (rotate them: a baselined key still leaked)\n", report.Plural(len(b.Findings), "fingerprint"), path)
	return 0
}
