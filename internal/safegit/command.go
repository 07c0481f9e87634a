package safegit

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
)

// hardening is the configuration every git invocation runs under, so that
// scanning a repository never runs a program that the repository's own
// configuration names (git 2.39 honours each of these; verified by
// TestRunsNoRepositoryPrograms and internal/history's
// TestGitRunsNoRepositoryPrograms):
//
//   - core.fsmonitor: `git diff --cached` refreshes the index and would
//     start the fsmonitor hook (a program) named in .git/config;
//   - diff.external and diff.<driver>.textconv: `git log -p` runs them
//     (the command lines also pass --no-ext-diff --no-textconv);
//   - log.showSignature: would run gpg.program on signed commits;
//   - core.hooksPath: no hook runs for log/diff, but make it explicit;
//   - protocol.allow=never: a partial clone would lazily fetch missing
//     objects through a transport the repository configures (ssh command,
//     upload-pack program); refuse every transport instead;
//   - core.pager / color.ui: output is parsed, never paged or coloured;
//   - core.quotePath: every unusual path name is C-quoted the same way,
//     which Parser decodes.
var hardening = []string{
	"-c", "core.hooksPath=/dev/null",
	"-c", "core.fsmonitor=false",
	"-c", "diff.external=",
	"-c", "log.showSignature=false",
	"-c", "protocol.allow=never",
	"-c", "core.pager=cat",
	"-c", "color.ui=false",
	"-c", "core.quotePath=true",
}

// env is the environment of every git invocation: the caller's, minus
// variables that would make git run a program or page, plus switches that
// keep git from reading the system config, prompting, taking optional
// locks (so a scan never writes the index) or fetching lazily. GIT_DIR and
// GIT_INDEX_FILE are kept: a pre-commit hook of a partial commit
// (`git commit file`) points GIT_INDEX_FILE at the index being committed.
func env() []string {
	drop := map[string]bool{
		"GIT_EXTERNAL_DIFF": true, "GIT_PAGER": true, "PAGER": true,
		"GIT_ASKPASS": true, "SSH_ASKPASS": true, "GIT_SSH": true,
		"GIT_SSH_COMMAND": true, "GIT_PROXY_COMMAND": true,
		"GIT_TRACE": true, "GIT_TRACE2": true, "GIT_TRACE2_EVENT": true,
		"GIT_TRACE_PACKET": true, "GIT_TRACE_PERFORMANCE": true,
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !drop[k] {
			env = append(env, kv)
		}
	}
	return append(env,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_TERMINAL_PROMPT=0",
		"GIT_OPTIONAL_LOCKS=0",
		"GIT_NO_LAZY_FETCH=1",
		"GIT_PAGER=cat",
		"LC_ALL=C",
	)
}

// DiffFlags are the flags of every patch-producing command: added lines
// only need no context, paths come with the a/ b/ prefixes Parser expects
// whatever diff.noprefix / diff.mnemonicPrefix / diff.relative say (so
// they are relative to the top level of the work tree), and no external
// diff or textconv program runs.
var DiffFlags = []string{
	"-U0", "--inter-hunk-context=0", "--no-color", "--no-ext-diff", "--no-textconv",
	"--src-prefix=a/", "--dst-prefix=b/", "--no-relative",
}

// command is a hardened git command run in dir.
func command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	full := append(append([]string{"-C", dir}, hardening...), args...)
	cmd := exec.CommandContext(ctx, "git", full...)
	cmd.Env = env()
	cmd.Stdin = nil
	return cmd
}

// Run runs a short git command in dir, hardened like every other, for the
// commands that compare the work tree (lint -new-from-rev and -staged),
// and returns its standard output. Comparing the work tree would run the
// clean filter of every filter driver the attributes name: each driver the
// configuration defines is overridden to none. Pass DiffFlags to commands
// that print patches. The error is an *Error whose Op is "git <args[0]>".
func Run(ctx context.Context, dir string, args ...string) (string, error) {
	op := "git"
	if len(args) > 0 {
		op += " " + args[0]
	}
	return run(ctx, dir, op, append(filterOverrides(ctx, dir), args...))
}

// run runs a hardened git command and returns its standard output.
func run(ctx context.Context, dir, op string, args []string) (string, error) {
	cmd := command(ctx, dir, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), failure(op, err, stderr.Bytes())
	}
	return stdout.String(), nil
}

// filterOverrides returns "-c filter.<name>.clean=" (and smudge, process;
// an empty command is no filter) and "-c filter.<name>.required=false"
// for every filter driver the configuration of dir defines.
func filterOverrides(ctx context.Context, dir string) []string {
	out, _ := command(ctx, dir, "config", "--name-only", "--get-regexp", `^filter\.`).Output()
	seen := map[string]bool{}
	var o []string
	for _, key := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		i, j := strings.Index(key, "."), strings.LastIndex(key, ".")
		if i < 0 || j <= i {
			continue
		}
		name := key[i+1 : j]
		if seen[name] {
			continue
		}
		seen[name] = true
		for _, v := range []string{"clean", "smudge", "process"} {
			o = append(o, "-c", "filter."+name+"."+v+"=")
		}
		o = append(o, "-c", "filter."+name+".required=false")
	}
	return o
}
