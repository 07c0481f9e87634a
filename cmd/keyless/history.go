package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/keyless-dev/keyless/internal/history"
	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/safegit"
	"github.com/keyless-dev/keyless/internal/secrets"
)

const historyDescription = `Scan the added lines of every commit on every ref of the git repository
containing dir (default .) for secrets, with keyless's secret engine on
gitleaks v8 (its default rules plus keyless's Azure rules). Rule ids are
history/<secret id>, as hardcodedsecret's. A key deleted in a later commit
still leaked: each finding names the commit that added it and says to
rotate the key.

Each (rule, path, secret) is reported once, at the earliest commit that
added it; merge commits are not diffed (as gitleaks). Secrets are redacted
in every format unless -no-redact. Findings listed in -baseline FILE or in
.gitleaksignore (in dir and at the repository's top level) are reported as
suppressed and do not fail the run. git runs with hooks, fsmonitor,
external diff and textconv disabled: scanning never runs code from the
repository.

Exit status: 0 no findings, 1 findings, 2 usage, configuration or git
error (not a repository, no commits, unknown revision, corrupt objects).`

// scanFlags are the scan flags history and baseline share.
type scanFlags struct {
	logOpts  string
	since    string
	staged   bool
	maxMB    int
	progress bool
}

func (f *scanFlags) register(fs *flag.FlagSet, withStaged bool) {
	fs.StringVar(&f.logOpts, "log-opts", "", "git log `options` replacing the default --all, shell-quoted (e.g. \"main..feature\", \"--since='2 weeks ago'\")")
	fs.StringVar(&f.since, "since", "", "scan only commits not reachable from `revision` (what came after it, on every ref)")
	if withStaged {
		fs.BoolVar(&f.staged, "staged", false, "scan the staged changes (git diff --cached) instead of history: the pre-commit check")
	}
	fs.IntVar(&f.maxMB, "max-target-megabytes", 10, "skip a hunk whose added lines exceed `MB` megabytes (a huge or generated file), with a warning (0 = no limit)")
	fs.BoolVar(&f.progress, "progress", true, "show progress on stderr when it is a terminal")
}

func (f *scanFlags) check() error {
	if f.maxMB < 0 {
		return errors.New("-max-target-megabytes must not be negative")
	}
	return nil
}

func (f *scanFlags) options(dir string) history.Options {
	opts := history.Options{
		Dir:            dir,
		LogOpts:        f.logOpts,
		Since:          f.since,
		Staged:         f.staged,
		MaxTargetBytes: f.maxMB * 1_000_000,
	}
	if f.progress && stderrIsTerminal() {
		opts.Progress = stderr
	}
	return opts
}

func stderrIsTerminal() bool {
	if stderr != os.Stderr {
		return false
	}
	fi, err := os.Stderr.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func runHistory(args []string) int {
	fs := newFlagSet("history", "[flags] [dir]", historyDescription)
	var out outputFlags
	var sf scanFlags
	var baselinePath string
	var noRedact bool
	out.register(fs)
	sf.register(fs, true)
	fs.StringVar(&baselinePath, "baseline", "", "report the findings recorded in baseline `file` (see keyless baseline) as suppressed: only new ones fail")
	fs.BoolVar(&noRedact, "no-redact", false, "print secrets in full (text and json formats only); never use it in CI logs")
	rest, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if err := out.check(); err != nil {
		return failf("history", "%v", err)
	}
	if len(rest) > 1 {
		return failf("history", "takes at most one directory, got %d arguments", len(rest))
	}
	if err := sf.check(); err != nil {
		return failf("history", "%v", err)
	}
	dir := "."
	if len(rest) == 1 {
		dir = rest[0]
	}
	opts := sf.options(dir)
	if noRedact {
		switch out.Format {
		case "text", "json":
			opts.Reveal = true
			fmt.Fprintln(stderr, "keyless history: -no-redact: secrets are printed IN FULL in this output")
		default:
			fmt.Fprintf(stderr, "keyless history: -no-redact has no effect on %s output: secrets stay redacted\n", out.Format)
		}
	}
	ign, err := loadIgnores(dir, baselinePath)
	if err != nil {
		return failf("history", "%v", err)
	}
	opts.Ignore = ign
	cat, res, err := scanHistory(out.Config, opts)
	if err != nil {
		return failf("history", "%v", err)
	}
	if err := out.emit(report.ModeHistory, cat, res.Findings); err != nil {
		return failf("history", "%v", err)
	}
	return report.ExitCode(res.Findings)
}

// scanHistory loads the rules, builds the engine and scans, printing the
// scan's warnings (shallow clone, skipped files) on stderr.
func scanHistory(configPath string, opts history.Options) (*rules.Catalog, *history.Result, error) {
	cat, err := loadCatalog(configPath)
	if err != nil {
		return nil, nil, err
	}
	eng, err := secrets.New(cat)
	if err != nil {
		return nil, nil, err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := history.NewScanner(eng, cat).Scan(ctx, opts)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			err = errors.New("interrupted")
		}
		return nil, nil, err
	}
	if res.Shallow {
		fmt.Fprintln(stderr, "keyless history: warning: shallow clone: history before its boundary was not scanned, and the boundary commit shows its whole tree as added (run git fetch --unshallow for a complete scan)")
	}
	for _, sk := range res.Skipped {
		where := sk.Path
		if sk.Commit != "" {
			where = sk.Commit[:min(12, len(sk.Commit))] + ":" + sk.Path
		}
		fmt.Fprintf(stderr, "keyless history: warning: skipped %s: %.1f MB of added lines exceeds -max-target-megabytes\n", report.Printable(where), float64(sk.Size)/1e6)
	}
	return cat, res, nil
}

// loadIgnores reads .gitleaksignore from dir and from the repository's top
// level (when it differs), and the baseline file when given.
func loadIgnores(dir, baselinePath string) (*history.Ignore, error) {
	ign := history.NewIgnore()
	seen := map[string]bool{}
	for _, d := range []string{dir, safegit.TopLevel(dir)} {
		if d == "" {
			continue
		}
		p := filepath.Join(d, ".gitleaksignore")
		abs, err := filepath.Abs(p)
		if err != nil || seen[abs] {
			continue
		}
		seen[abs] = true
		if _, err := os.Stat(p); err != nil {
			continue
		}
		if err := checkInside(p); err != nil {
			return nil, err
		}
		if err := ign.AddGitleaksIgnore(p); err != nil {
			return nil, err
		}
	}
	if baselinePath != "" {
		if err := checkInside(baselinePath); err != nil {
			return nil, err
		}
		b, err := history.ReadBaseline(baselinePath)
		if err != nil {
			return nil, err
		}
		ign.AddBaseline(b, baselinePath)
	}
	return ign, nil
}
