package main

// The Go packages a commit touches, for `keyless lint -staged` (the
// keyless-lint pre-commit hook). pre-commit stashes unstaged changes
// before it runs a hook, so during the hook the work tree holds exactly
// what will be committed; linting those packages and reporting findings on
// lines changed since HEAD checks the commit and nothing else.

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/keyless-dev/keyless/internal/safegit"
)

// stagedPackages returns the package patterns ("." or "./a/b", relative to
// moduleDir) of the directories that hold a .go file staged for commit
// (added, copied, modified or renamed) in the git repository containing
// moduleDir. Paths outside moduleDir are left out, and so are those the go
// command ignores in ./... (testdata, vendor, names starting with "." or
// "_") and those inside a nested module. No staged Go file yields an empty
// list and no error.
func stagedPackages(moduleDir string) ([]string, error) {
	// Outside a repository, git diff would run as diff --no-index and
	// reject --cached: say what is wrong instead.
	ctx := context.Background()
	if _, err := safegit.Run(ctx, moduleDir, "rev-parse", "--git-dir"); err != nil {
		return nil, fmt.Errorf("not a git repository: %s", moduleDir)
	}
	out, err := safegit.Run(ctx, moduleDir, "diff", "--cached", "--name-only", "-z",
		"--diff-filter=ACMR", "--no-renames", "--relative", "--", "*.go")
	if err != nil {
		return nil, fmt.Errorf("listing staged files: %v", err)
	}
	seen := map[string]bool{}
	var pkgs []string
	for _, name := range strings.Split(out, "\x00") {
		if name == "" || !strings.HasSuffix(name, ".go") {
			continue
		}
		dir := path.Dir(name)
		if seen[dir] {
			continue
		}
		seen[dir] = true
		if stagedSkipDir(dir) || stagedInNestedModule(moduleDir, dir) {
			continue
		}
		if dir == "." {
			pkgs = append(pkgs, ".")
		} else {
			pkgs = append(pkgs, "./"+dir)
		}
	}
	sort.Strings(pkgs)
	return pkgs, nil
}

// stagedSkipDir reports whether ./... skips the slash-separated directory.
func stagedSkipDir(dir string) bool {
	if dir == "." {
		return false
	}
	for _, elem := range strings.Split(dir, "/") {
		if elem == "testdata" || elem == "vendor" || strings.HasPrefix(elem, ".") || strings.HasPrefix(elem, "_") {
			return true
		}
	}
	return false
}

// stagedInNestedModule reports whether dir (relative to moduleDir) or one of its
// parents below moduleDir holds a go.mod of its own.
func stagedInNestedModule(moduleDir, dir string) bool {
	for d := dir; d != "." && d != "/"; d = path.Dir(d) {
		if _, err := os.Stat(filepath.Join(moduleDir, filepath.FromSlash(d), "go.mod")); err == nil {
			return true
		}
	}
	return false
}
