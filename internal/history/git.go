package history

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// hardening is the configuration every git invocation runs under, so that
// scanning a repository never runs a program that the repository's own
// configuration names (git 2.39 honours each of these; verified by
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
//   - core.pager / color.ui: output is parsed, never paged or coloured.
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

// gitEnv is the environment of every git invocation: the caller's, minus
// variables that would make git run a program or page, plus switches that
// keep git from reading the system config, prompting, taking optional
// locks (so a scan never writes the index) or fetching lazily. GIT_DIR and
// GIT_INDEX_FILE are kept: a pre-commit hook of a partial commit
// (`git commit file`) points GIT_INDEX_FILE at the index being committed.
func gitEnv() []string {
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

// diffFlags are the flags of every patch-producing command: added lines
// only need no context, paths come with the a/ b/ prefixes the parser
// expects whatever diff.noprefix / diff.mnemonicPrefix / diff.relative say,
// and no external diff or textconv program runs.
var diffFlags = []string{
	"-U0", "--inter-hunk-context=0", "--no-color", "--no-ext-diff", "--no-textconv",
	"--src-prefix=a/", "--dst-prefix=b/", "--no-relative",
}

// repo is a git repository on disk.
type repo struct {
	dir     string // as given: the directory git runs in
	top     string // work-tree top level ("" for a bare repository)
	bare    bool
	shallow bool // a shallow clone: history stops at its boundary
}

// GitError is a failure of git itself: not a repository, a bad revision,
// corrupt objects. Its message is git's, cleaned to one line.
type GitError struct {
	Op  string // what keyless asked git to do
	Msg string
}

func (e *GitError) Error() string { return e.Op + ": " + e.Msg }

// git runs a short git command in r.dir and returns its standard output.
func (r *repo) git(ctx context.Context, op string, args ...string) (string, error) {
	cmd := gitCommand(ctx, r.dir, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), gitFailure(op, err, stderr.Bytes())
	}
	return stdout.String(), nil
}

// Command is a git command run in dir under the same hardening as the
// history scan (configuration overrides, cleaned environment), for the
// other parts of keyless that run git (lint -new-from-rev and -staged),
// so that no program a repository configures ever runs. Those commands
// also compare the work tree, where git would run the clean filter of
// every filter driver the attributes name: each driver the configuration
// defines is overridden to none. Pass --no-ext-diff --no-textconv to
// commands that print patches.
func Command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	return gitCommand(ctx, dir, append(filterOverrides(ctx, dir), args...)...)
}

// filterOverrides returns "-c filter.<name>.clean=" (and smudge, process;
// an empty command is no filter) and "-c filter.<name>.required=false"
// for every filter driver the configuration of dir defines.
func filterOverrides(ctx context.Context, dir string) []string {
	out, _ := gitCommand(ctx, dir, "config", "--name-only", "--get-regexp", `^filter\.`).Output()
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

func gitCommand(ctx context.Context, dir string, args ...string) *exec.Cmd {
	full := append(append([]string{"-C", dir}, hardening...), args...)
	cmd := exec.CommandContext(ctx, "git", full...)
	cmd.Env = gitEnv()
	cmd.Stdin = nil
	return cmd
}

// gitFailure turns a failed git run into a GitError with git's first
// meaningful stderr line ("fatal: …", "error: …"), without the prefix.
func gitFailure(op string, err error, stderr []byte) error {
	var ee *exec.Error
	if errors.As(err, &ee) {
		return &GitError{Op: op, Msg: "git is not installed or not on PATH"}
	}
	msg := cleanGitMessage(stderr)
	if msg == "" {
		msg = err.Error()
	}
	return &GitError{Op: op, Msg: msg}
}

// cleanGitMessage picks the most telling line of git's stderr: the first
// "fatal:" line, else the first "error:" line, else the first line; the
// prefix is dropped and the text kept printable and short.
func cleanGitMessage(stderr []byte) string {
	lines := strings.Split(strings.TrimSpace(string(stderr)), "\n")
	pick := ""
	for _, prefix := range []string{"fatal: ", "error: "} {
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				pick = strings.TrimPrefix(l, prefix)
				break
			}
		}
		if pick != "" {
			break
		}
	}
	if pick == "" && len(lines) > 0 {
		pick = lines[0]
	}
	pick = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, strings.TrimSpace(pick))
	if len(pick) > 300 {
		pick = pick[:300] + "…"
	}
	return pick
}

// openRepo checks that dir is inside a git repository and finds its top
// level.
func openRepo(ctx context.Context, dir string) (*repo, error) {
	if dir == "" {
		dir = "."
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, &GitError{Op: "open " + dir, Msg: "no such directory"}
	}
	if !fi.IsDir() {
		return nil, &GitError{Op: "open " + dir, Msg: "not a directory"}
	}
	r := &repo{dir: filepath.Clean(dir)}
	// One git run: in a bare repository --show-toplevel fails after the
	// first two answers are printed.
	out, err := r.git(ctx, "open "+dir, "rev-parse", "--is-bare-repository", "--is-shallow-repository", "--show-toplevel")
	fields := strings.Split(strings.TrimSpace(out), "\n")
	if len(fields) < 2 {
		var ge *GitError
		if errors.As(err, &ge) && strings.Contains(ge.Msg, "not a git repository") {
			return nil, &GitError{Op: "open " + dir, Msg: "not a git repository (or any parent up to the file system root)"}
		}
		if err == nil {
			err = &GitError{Op: "open " + dir, Msg: "unexpected git rev-parse output"}
		}
		return nil, err
	}
	r.bare = fields[0] == "true"
	r.shallow = fields[1] == "true"
	if !r.bare {
		if err != nil || len(fields) < 3 {
			return nil, err
		}
		r.top = fields[2]
	}
	return r, nil
}

// hasCommits reports whether any ref (or HEAD) points at a commit.
func (r *repo) hasCommits(ctx context.Context) (bool, error) {
	out, err := r.git(ctx, "list commits", "rev-list", "-n", "1", "--all")
	if err != nil {
		return false, err
	}
	if strings.TrimSpace(out) != "" {
		return true, nil
	}
	// A detached HEAD outside every ref still counts.
	out, _ = r.git(ctx, "list commits", "rev-list", "-n", "1", "HEAD")
	return strings.TrimSpace(out) != "", nil
}

// resolveCommit checks that rev names a commit and returns its full id.
func (r *repo) resolveCommit(ctx context.Context, rev string) (string, error) {
	if strings.HasPrefix(rev, "-") {
		return "", &GitError{Op: "resolve " + rev, Msg: "revision must not start with '-'"}
	}
	out, err := r.git(ctx, "resolve "+rev, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil || strings.TrimSpace(out) == "" {
		return "", &GitError{Op: "resolve " + rev, Msg: "unknown revision or not a commit"}
	}
	return strings.TrimSpace(out), nil
}

// countCommits counts the commits a log would visit (for progress); -1
// when git cannot tell (some log options are not rev-list options).
func (r *repo) countCommits(ctx context.Context, revArgs []string) int {
	args := append([]string{"rev-list", "--count"}, revArgs...)
	out, err := r.git(ctx, "count commits", args...)
	if err != nil {
		return -1
	}
	var n int
	if _, err := fmt.Sscanf(strings.TrimSpace(out), "%d", &n); err != nil {
		return -1
	}
	return n
}

// stream starts a patch-producing git command and returns its stdout and a
// wait function that reports git's failure (with its cleaned stderr).
func (r *repo) stream(ctx context.Context, op string, args []string) (io.ReadCloser, func() error, error) {
	cmd := gitCommand(ctx, r.dir, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	stderr := &limitedBuffer{max: 64 << 10}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		return nil, nil, gitFailure(op, err, nil)
	}
	wait := func() error {
		if err := cmd.Wait(); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return gitFailure(op, err, stderr.Bytes())
		}
		return nil
	}
	return stdout, wait, nil
}

// limitedBuffer keeps the first max bytes written to it.
type limitedBuffer struct {
	buf bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.buf.Len(); room > 0 {
		if len(p) > room {
			b.buf.Write(p[:room])
		} else {
			b.buf.Write(p)
		}
	}
	return len(p), nil
}

func (b *limitedBuffer) Bytes() []byte { return b.buf.Bytes() }

// TopLevel returns the work-tree top level of the repository containing
// dir, or "" when there is none (not a repository, bare).
func TopLevel(dir string) string {
	r, err := openRepo(context.Background(), dir)
	if err != nil {
		return ""
	}
	return r.top
}
