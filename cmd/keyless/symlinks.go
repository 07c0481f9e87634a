package main

// Symbolic links out of the scanned tree are not followed. A repository
// under review can hold `x.go -> /proc/self/environ` or
// `.gitleaksignore -> ~/.git-credentials`; reading through such a link
// would print pieces of the target in parse or format errors, in a CI
// log. keyless reads a file whose path passes through a symbolic link
// only when the link resolves inside the tree holding it: the module
// (nearest go.mod) for Go source, the git work tree otherwise (or the
// file's own directory outside one). Paths without symbolic links are
// read as given.
//
// lint: go list still reads the file (as go vet and golangci-lint do),
// but keyless does not parse it (the package is reported as not loaded:
// its analyzers do not run) and replaces the errors go list reports for
// it. history: git stores a symbolic link as its target path, so the
// scan never follows one; .gitleaksignore and -baseline, -config files
// go through the same check.

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

var fence = newFencer()

type fencer struct {
	mu      sync.Mutex
	real    map[string]string // absolute dir -> real dir ("" if unresolvable)
	modRoot map[string]string // absolute dir -> module root ("" if none)
	gitRoot map[string]string // absolute dir -> git work tree root ("" if none)
}

func newFencer() *fencer {
	return &fencer{real: map[string]string{}, modRoot: map[string]string{}, gitRoot: map[string]string{}}
}

func (f *fencer) realDir(dir string) string {
	if r, ok := f.real[dir]; ok {
		return r
	}
	r, err := filepath.EvalSymlinks(dir)
	if err != nil {
		r = ""
	}
	f.real[dir] = r
	return r
}

// rootOf finds the nearest ancestor of dir (lexically) holding marker
// ("go.mod" or ".git").
func (f *fencer) rootOf(cache map[string]string, dir, marker string) string {
	if r, ok := cache[dir]; ok {
		return r
	}
	r := ""
	if _, err := os.Lstat(filepath.Join(dir, marker)); err == nil {
		r = dir
	} else if parent := filepath.Dir(dir); parent != dir {
		r = f.rootOf(cache, parent, marker)
	}
	cache[dir] = r
	return r
}

// escapes reports whether path passes through a symbolic link that leads
// outside its tree (module root for .go files when goSource, else git
// work tree, else its directory), and where it leads.
func (f *fencer) escapes(path string, goSource bool) (target string, escapes bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	dir := filepath.Dir(abs)
	f.mu.Lock()
	defer f.mu.Unlock()
	realDir := f.realDir(dir)
	realPath := ""
	if fi, err := os.Lstat(abs); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		if realPath, err = filepath.EvalSymlinks(abs); err != nil {
			return "", false // dangling: nothing to read
		}
	} else if realDir != "" {
		realPath = filepath.Join(realDir, filepath.Base(abs))
	}
	if realPath == "" || realPath == abs {
		return "", false // no symbolic link on the way
	}
	root := ""
	if goSource {
		root = f.rootOf(f.modRoot, dir, "go.mod")
	}
	if root == "" {
		root = f.rootOf(f.gitRoot, dir, ".git")
	}
	if root == "" {
		root = dir
	}
	realRoot := f.realDir(root)
	if realRoot == "" {
		return realPath, true
	}
	if rel, err := filepath.Rel(realRoot, realPath); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return realPath, true
	}
	return realPath, false
}

// errOutside is the error for a path that escapes its tree.
func errOutside(path string) error {
	return fmt.Errorf("%s: symbolic link to a file outside the tree being scanned: not read", path)
}

// checkInside returns errOutside when path escapes its tree. Otherwise
// path is an input file about to be read (rules, baseline,
// .gitleaksignore): error messages, which may quote it, are scrubbed of
// its secrets.
func checkInside(path string) error {
	if _, out := fence.escapes(path, false); out {
		return errOutside(path)
	}
	scrub.addPath(path)
	return nil
}

// parseInModule is packages.Config.ParseFile for lint: a Go file that is
// a symbolic link out of its module is not parsed (the package is then
// not analyzed).
func parseInModule(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
	return parseFenced(fset, filename, src, parser.AllErrors|parser.ParseComments)
}

// parseForDriver is parseInModule for the cached driver, which parses
// every dependency missing from its cache: without the deprecated
// ast.Object resolution, which go/types and keyless's analyzers never
// read (a sixth of the parse time).
func parseForDriver(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
	return parseFenced(fset, filename, src, parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
}

func parseFenced(fset *token.FileSet, filename string, src []byte, mode parser.Mode) (*ast.File, error) {
	if _, out := fence.escapes(filename, true); out {
		var errs scanner.ErrorList
		errs.Add(token.Position{Filename: filename, Line: 1, Column: 1}, "symbolic link to a file outside the module: not read")
		return nil, errs
	}
	return parser.ParseFile(fset, filename, src, mode)
}

// fenceMessage replaces an error message about a file that escapes its
// module (go list parses such files and quotes them) by a note that says
// only that. msg starts with the file name, as "file:line:col: text".
func fenceMessage(msg string) string {
	name, _, ok := strings.Cut(msg, ":")
	if !ok || !strings.HasSuffix(name, ".go") {
		return msg
	}
	if _, out := fence.escapes(name, true); out {
		return name + ": symbolic link to a file outside the module: not read"
	}
	return msg
}
