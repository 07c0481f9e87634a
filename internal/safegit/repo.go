package safegit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Repo is a git repository on disk.
type Repo struct {
	Dir     string // as given, cleaned: the directory git runs in
	Top     string // work-tree top level ("" for a bare repository)
	Bare    bool
	Shallow bool // a shallow clone: history stops at its boundary
}

// Open checks that dir ("" = ".") is inside a git repository and finds
// its top level.
func Open(ctx context.Context, dir string) (*Repo, error) {
	if dir == "" {
		dir = "."
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, &Error{Op: "open " + dir, Msg: "no such directory"}
	}
	if !fi.IsDir() {
		return nil, &Error{Op: "open " + dir, Msg: "not a directory"}
	}
	r := &Repo{Dir: filepath.Clean(dir)}
	// One git run: in a bare repository --show-toplevel fails after the
	// first two answers are printed.
	out, err := r.Run(ctx, "open "+dir, "rev-parse", "--is-bare-repository", "--is-shallow-repository", "--show-toplevel")
	fields := strings.Split(strings.TrimSpace(out), "\n")
	if len(fields) < 2 {
		var ge *Error
		if errors.As(err, &ge) && strings.Contains(ge.Msg, "not a git repository") {
			return nil, &Error{Op: "open " + dir, Msg: "not a git repository (or any parent up to the file system root)"}
		}
		if err == nil {
			err = &Error{Op: "open " + dir, Msg: "unexpected git rev-parse output"}
		}
		return nil, err
	}
	r.Bare = fields[0] == "true"
	r.Shallow = fields[1] == "true"
	if !r.Bare {
		if err != nil || len(fields) < 3 {
			return nil, err
		}
		r.Top = fields[2]
	}
	return r, nil
}

// Name is how messages name the repository: its top level, else the
// directory it was opened from.
func (r *Repo) Name() string {
	if r.Top != "" {
		return r.Top
	}
	return r.Dir
}

// Run runs a short git command in r.Dir and returns its standard output;
// op names it in the error. It compares no work tree: for commands that
// do, use the package-level Run.
func (r *Repo) Run(ctx context.Context, op string, args ...string) (string, error) {
	return run(ctx, r.Dir, op, args)
}

// HasCommits reports whether any ref (or HEAD) points at a commit.
func (r *Repo) HasCommits(ctx context.Context) (bool, error) {
	out, err := r.Run(ctx, "list commits", "rev-list", "-n", "1", "--all")
	if err != nil {
		return false, err
	}
	if strings.TrimSpace(out) != "" {
		return true, nil
	}
	// A detached HEAD outside every ref still counts.
	out, _ = r.Run(ctx, "list commits", "rev-list", "-n", "1", "HEAD")
	return strings.TrimSpace(out) != "", nil
}

// ResolveCommit checks that rev names a commit and returns its full id.
func (r *Repo) ResolveCommit(ctx context.Context, rev string) (string, error) {
	if strings.HasPrefix(rev, "-") {
		return "", &Error{Op: "resolve " + rev, Msg: "revision must not start with '-'"}
	}
	out, err := r.Run(ctx, "resolve "+rev, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil || strings.TrimSpace(out) == "" {
		return "", &Error{Op: "resolve " + rev, Msg: "unknown revision or not a commit"}
	}
	return strings.TrimSpace(out), nil
}

// CountCommits counts the commits `git rev-list revArgs` visits (for
// progress); -1 when git cannot tell (some log options are not rev-list
// options).
func (r *Repo) CountCommits(ctx context.Context, revArgs []string) int {
	args := append([]string{"rev-list", "--count"}, revArgs...)
	out, err := r.Run(ctx, "count commits", args...)
	if err != nil {
		return -1
	}
	var n int
	if _, err := fmt.Sscanf(strings.TrimSpace(out), "%d", &n); err != nil {
		return -1
	}
	return n
}

// Stream starts a patch-producing git command and returns its stdout and a
// wait function that reports git's failure (with its cleaned stderr).
func (r *Repo) Stream(ctx context.Context, op string, args []string) (io.ReadCloser, func() error, error) {
	cmd := command(ctx, r.Dir, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	stderr := &limitedBuffer{max: 64 << 10}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		return nil, nil, failure(op, err, nil)
	}
	wait := func() error {
		if err := cmd.Wait(); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return failure(op, err, stderr.Bytes())
		}
		return nil
	}
	return stdout, wait, nil
}

// TopLevel returns the work-tree top level of the repository containing
// dir, or "" when there is none (not a repository, bare).
func TopLevel(dir string) string {
	r, err := Open(context.Background(), dir)
	if err != nil {
		return ""
	}
	return r.Top
}
