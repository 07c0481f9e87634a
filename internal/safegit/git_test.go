package safegit

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/testdata/historyrepo"
)

func gitT(t *testing.T, dir string, args ...string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	if err := historyrepo.Git(dir, nil, args...); err != nil {
		t.Fatal(err)
	}
}

// newRepo returns a work tree with one commit of a.txt and sub/b.txt.
func newRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	gitT(t, dir, "init", "-q")
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("one\n"), 0o644)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "b.txt"), []byte("one\n"), 0o644)
	gitT(t, dir, "add", ".")
	gitT(t, dir, "commit", "-q", "--no-verify", "-m", "init")
	return dir
}

func TestCleanMessage(t *testing.T) {
	for _, c := range []struct{ stderr, msg, level string }{
		{"warning: x\nfatal: not a git repository\nerror: later", "not a git repository", "fatal"},
		{"hint: y\nerror: object file is empty\n", "object file is empty", "error"},
		{"usage: git rev-parse\n", "usage: git rev-parse", ""},
		{"fatal: bad \x1b[31mref\x7f", "bad  [31mref ", "fatal"},
		{"", "", ""},
		{"fatal: " + strings.Repeat("x", 400), strings.Repeat("x", 300) + "…", "fatal"},
	} {
		msg, level := cleanMessage([]byte(c.stderr))
		if msg != c.msg || level != c.level {
			t.Errorf("cleanMessage(%q) = %q, %q; want %q, %q", c.stderr, msg, level, c.msg, c.level)
		}
	}
}

func TestErrors(t *testing.T) {
	ctx := context.Background()
	notRepo := t.TempDir()
	var ge *Error

	_, err := Run(ctx, notRepo, "rev-parse", "--show-toplevel")
	if !errors.As(err, &ge) || ge.Op != "git rev-parse" || ge.Level != "fatal" || !strings.HasPrefix(ge.Msg, "not a git repository") {
		t.Errorf("Run outside a repository: %#v", err)
	}
	if _, err := Open(ctx, notRepo); !errors.As(err, &ge) || err.Error() != "open "+notRepo+": not a git repository (or any parent up to the file system root)" {
		t.Errorf("Open outside a repository: %v", err)
	}
	if _, err := Open(ctx, filepath.Join(notRepo, "missing")); !errors.As(err, &ge) || ge.Msg != "no such directory" {
		t.Errorf("Open of a missing directory: %v", err)
	}
	if TopLevel(notRepo) != "" {
		t.Error("TopLevel outside a repository")
	}

	dir := newRepo(t)
	r, err := Open(ctx, filepath.Join(dir, "."))
	if err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.EvalSymlinks(dir)
	if r.Bare || r.Shallow || r.Top != real || r.Name() != real || TopLevel(dir) != real {
		t.Errorf("Open: %+v", r)
	}
	if has, err := r.HasCommits(ctx); !has || err != nil {
		t.Errorf("HasCommits = %v, %v", has, err)
	}
	if n := r.CountCommits(ctx, []string{"--all"}); n != 1 {
		t.Errorf("CountCommits = %d", n)
	}
	if n := r.CountCommits(ctx, []string{"--no-such-option"}); n != -1 {
		t.Errorf("CountCommits of a bad option = %d", n)
	}
	if id, err := r.ResolveCommit(ctx, "HEAD"); len(id) < 40 || err != nil {
		t.Errorf("ResolveCommit(HEAD) = %q, %v", id, err)
	}
	for _, bad := range []string{"no-such-rev", "--all", "HEAD:a.txt"} {
		if _, err := r.ResolveCommit(ctx, bad); !errors.As(err, &ge) {
			t.Errorf("ResolveCommit(%q): %v", bad, err)
		}
	}
	out, wait, err := r.Stream(ctx, "git log", []string{"log", "--no-such-option"})
	if err != nil {
		t.Fatal(err)
	}
	out.Close()
	if err := wait(); !errors.As(err, &ge) || ge.Op != "git log" || strings.Contains(ge.Msg, "\n") {
		t.Errorf("Stream of a failing command: %v", err)
	}
}

// Run compares the work tree (lint -new-from-rev, -staged) without running
// any program the repository configures: not the fsmonitor, not a filter
// driver's clean command, not an external diff or textconv, not a pager.
// Repo.Run and Repo.Stream (the history scan) are covered by
// internal/history's TestGitRunsNoRepositoryPrograms.
func TestRunsNoRepositoryPrograms(t *testing.T) {
	dir := newRepo(t)
	trap, err := historyrepo.NewTrap(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := trap.Arm(dir); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("one\ntwo\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "sub", "b.txt"), []byte("zero\none\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "new.txt"), []byte("new\n"), 0o644)

	// From a subdirectory, as lint runs in its module: paths stay
	// relative to the top level whatever diff.relative says.
	ctx := context.Background()
	diff, err := Run(ctx, filepath.Join(dir, "sub"), append(append([]string{"diff"}, DiffFlags...), "HEAD", "--")...)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ChangedLines(strings.NewReader(diff))
	if want := map[string][]int{"a.txt": {2}, "sub/b.txt": {1}}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("changed lines %v (%v), want %v, of\n%s", got, err, want, diff)
	}
	for _, args := range [][]string{
		{"diff", "--cached", "--name-only", "-z"},
		{"ls-files", "--others", "--exclude-standard", "--full-name", "-z"},
		{"status", "--porcelain"},
	} {
		if _, err := Run(ctx, dir, args...); err != nil {
			t.Errorf("git %v: %v", args, err)
		}
	}
	if ran := trap.Ran(); ran != "" {
		t.Errorf("a repository-configured program ran:\n%s", ran)
	}

	// The control: a plain git does run them.
	plain := exec.Command("git", "-C", dir, "diff", "HEAD")
	plain.Env = historyrepo.FixedEnv()
	plain.Run()
	if trap.Ran() == "" {
		t.Error("control: plain git diff ran no program; the test proves nothing")
	}
}
