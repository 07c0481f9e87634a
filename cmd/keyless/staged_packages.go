package main

// The Go packages a commit touches, for `keyless lint -staged` (the
// keyless-lint pre-commit hook). pre-commit stashes unstaged changes
// before it runs a hook, so during the hook the work tree holds exactly
// what will be committed; linting those packages and reporting findings on
// lines changed since HEAD checks the commit and nothing else.

import (
	"context"
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/keyless-dev/keyless/internal/safegit"
)

// stagedPackages returns what `lint -staged` loads: for each module
// under root that holds a .go file staged for commit (added, copied,
// modified or renamed), the package patterns ("." or "./a/b", relative to
// that module) of the directories holding one. Nested modules are linted
// too: the hook checks the commit, wherever its files are. Paths outside
// root are left out, and so are those the go command ignores in ./...
// (testdata, vendor, names starting with "." or "_"). No staged Go file
// yields no unit and no error.
func stagedPackages(root string) ([]loadUnit, error) {
	names, err := stagedFiles(root, "*.go")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	byModule := map[string][]string{}
	for _, name := range names {
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		dir := path.Dir(name)
		if seen[dir] {
			continue
		}
		seen[dir] = true
		if stagedSkipDir(dir) {
			continue
		}
		mod := moduleOf(root, dir)
		if mod == "" {
			continue // not in any module: go list could not load it
		}
		rel := "."
		if dir != mod {
			rel = "./" + strings.TrimPrefix(dir, mod+"/")
			if mod == "." {
				rel = "./" + dir
			}
		}
		byModule[mod] = append(byModule[mod], rel)
	}
	var units []loadUnit
	for _, mod := range slices.Sorted(maps.Keys(byModule)) {
		pkgs := byModule[mod]
		sort.Strings(pkgs)
		u := loadUnit{patterns: pkgs}
		if mod != "." {
			u.dir = filepath.Join(root, filepath.FromSlash(mod))
		}
		units = append(units, u)
	}
	return units, nil
}

// stagedFiles lists the files under dir staged for commit (added,
// copied, modified or renamed), relative to dir and '/'-separated, that
// match pathspecs (all when none): `lint -staged` asks for *.go, `infra
// -staged` for everything.
func stagedFiles(dir string, pathspecs ...string) ([]string, error) {
	// Outside a repository, git diff would run as diff --no-index and
	// reject --cached: say what is wrong instead.
	ctx := context.Background()
	if _, err := safegit.Run(ctx, dir, "rev-parse", "--git-dir"); err != nil {
		return nil, fmt.Errorf("not a git repository: %s", dir)
	}
	out, err := safegit.Run(ctx, dir, append([]string{"diff", "--cached", "--name-only", "-z",
		"--diff-filter=ACMR", "--no-renames", "--relative", "--"}, pathspecs...)...)
	if err != nil {
		return nil, fmt.Errorf("listing staged files: %v", err)
	}
	// -z: names with spaces, quotes or non-ASCII come through verbatim.
	return slices.DeleteFunc(strings.Split(out, "\x00"), func(s string) bool { return s == "" }), nil
}

// stagedSkipDir reports whether ./... skips the slash-separated directory.
func stagedSkipDir(dir string) bool {
	if dir == "." {
		return false
	}
	return slices.ContainsFunc(strings.Split(dir, "/"), skipDirName)
}
