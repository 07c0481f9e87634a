package main

// Nested modules. The go command stops ./... at a directory holding its
// own go.mod, so `go vet ./...` at a repository's root silently skips
// every nested module. A security linter must not: `keyless lint
// -modules=all` lints each module under the working directory, and
// otherwise the modules a pattern would have reached are named on stderr.

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// loadUnit is one `go list` invocation: patterns resolved in dir (""
// for the working directory).
type loadUnit struct {
	dir      string
	patterns []string
}

// nestedModules returns the directories below root ('/'-separated,
// relative, sorted) that hold a go.mod of their own, skipping what ./...
// skips (testdata, vendor, names starting with "." or "_"). Symbolic
// links are not followed, as the go command does not follow them.
func nestedModules(root string) ([]string, error) {
	var mods []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			return nil // unreadable directory: go list reports it if it matters
		}
		if d.IsDir() {
			if p != root && skipDirName(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		// The walk lists every directory's entries anyway: a go.mod is
		// found among them, with no Stat per directory.
		if dir := filepath.Dir(p); d.Name() == "go.mod" && dir != root {
			rel, _ := filepath.Rel(root, dir)
			mods = append(mods, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(mods)
	return mods, err
}

// skipDirName reports whether ./... skips a directory of this name.
func skipDirName(name string) bool {
	return name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

// hasGoMod reports whether dir or one of its parents holds a go.mod: only
// then can go list resolve ./... there.
func hasGoMod(dir string) bool {
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return false
		}
		dir = parent
	}
}

// allModules returns one unit per module under cwd: the module cwd is in
// (when there is one) and every nested module, each with ./... .
func allModules(cwd string, patterns []string) ([]loadUnit, error) {
	for _, p := range patterns {
		if p != "./..." {
			return nil, fmt.Errorf("-modules=all lints ./... of every module; it takes no other package pattern (got %q)", p)
		}
	}
	mods, err := nestedModules(cwd)
	if err != nil {
		return nil, err
	}
	var units []loadUnit
	if hasGoMod(cwd) {
		units = append(units, loadUnit{patterns: []string{"./..."}})
	}
	for _, m := range mods {
		units = append(units, loadUnit{dir: filepath.Join(cwd, filepath.FromSlash(m)), patterns: []string{"./..."}})
	}
	if len(units) == 0 {
		return nil, fmt.Errorf("no go.mod in %s or below it", cwd)
	}
	return units, nil
}

// skippedModules returns the nested modules under cwd that a "dir/..."
// pattern reaches but go list will not enter.
func skippedModules(cwd string, patterns []string) []string {
	var prefixes []string
	for _, p := range patterns {
		rest, ok := strings.CutSuffix(filepath.ToSlash(p), "...")
		if !ok || filepath.IsAbs(p) || !(rest == "" || rest == "./" || strings.HasPrefix(rest, "./") || strings.HasPrefix(rest, "../")) {
			continue // an import path pattern: the go command resolves it
		}
		prefixes = append(prefixes, path.Clean(strings.TrimSuffix(rest, "/")))
	}
	if len(prefixes) == 0 {
		return nil
	}
	mods, err := nestedModules(cwd)
	if err != nil {
		return nil
	}
	var skipped []string
	for _, m := range mods {
		for _, pre := range prefixes {
			if pre == "." || m == pre || strings.HasPrefix(m, pre+"/") {
				skipped = append(skipped, m)
				break
			}
		}
	}
	return skipped
}

// moduleOf returns the directory of the module holding the
// '/'-separated dir relative to root: the nearest one with a go.mod, up
// to root itself ("." for root; "" when no go.mod is found there).
func moduleOf(root, dir string) string {
	for d := dir; ; d = path.Dir(d) {
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(d), "go.mod")); err == nil {
			return d
		}
		if d == "." || d == "/" {
			if hasGoMod(root) {
				return "."
			}
			return ""
		}
	}
}
