package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func stagedGit(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func stagedWrite(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestStagedPackages(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	stagedGit(t, repo, "init", "-q")
	mod := filepath.Join(repo, "svc") // the module is a subdirectory of the repository
	stagedWrite(t, mod, "go.mod", "module example.com/svc\n\ngo 1.22\n")
	stagedWrite(t, mod, "main.go", "package main\n\nfunc main() {}\n")
	stagedWrite(t, mod, "old/old.go", "package old\n")
	stagedWrite(t, mod, "keep/keep.go", "package keep\n")
	stagedGit(t, repo, "add", ".")
	stagedGit(t, repo, "commit", "-q", "-m", "init")

	// Nothing staged: nothing to lint.
	got, err := stagedPackages(mod)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Fatalf("clean index: got %q, want none", got)
	}

	stagedWrite(t, mod, "main.go", "package main\n\nfunc main() { println() }\n") // modified
	stagedWrite(t, mod, "a/b/new.go", "package b\n")                              // added
	stagedWrite(t, mod, "a/b/other.go", "package b\n")                            // same package twice
	stagedWrite(t, mod, "a/testdata/x.go", "package x\n")                         // ignored by ./...
	stagedWrite(t, mod, "_tools/t.go", "package t\n")                             // ignored by ./...
	stagedWrite(t, mod, "nested/go.mod", "module example.com/nested\n")
	stagedWrite(t, mod, "nested/n/n.go", "package n\n") // another module
	stagedWrite(t, mod, "notes.txt", "not go\n")
	stagedWrite(t, repo, "outside/o.go", "package o\n") // outside the module
	stagedWrite(t, mod, "unstaged/u.go", "package u\n") // in the work tree only
	stagedGit(t, repo, "add", "svc/main.go", "svc/a", "svc/_tools", "svc/nested", "svc/notes.txt", "outside")
	stagedGit(t, repo, "rm", "-q", "svc/old/old.go") // deleted: nothing left to lint there

	got, err = stagedPackages(mod)
	if err != nil {
		t.Fatal(err)
	}
	// The nested module's staged package is linted in its own module:
	// the hook checks every staged file, as go vet at the root would not.
	want := []loadUnit{
		{patterns: []string{".", "./a/b"}},
		{dir: filepath.Join(mod, "nested"), patterns: []string{"./n"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("stagedPackages = %+v, want %+v", got, want)
	}
}

func TestStagedPackagesNotARepo(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	_, err := stagedPackages(dir)
	if err == nil {
		t.Fatal("stagedPackages outside a repository: no error")
	}
	if strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "git") {
		t.Fatalf("error should be one line naming git, got %q", err)
	}
}
