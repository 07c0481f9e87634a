package historyrepo

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Trap is a program that only records that it ran, for the tests that
// prove keyless runs no program the configuration of a scanned repository
// names (internal/safegit, internal/history, cmd/keyless): Arm points
// every such setting at it, Ran tells whether anything ran it.
type Trap struct {
	Program string // the script
	Marker  string // the file the script appends "$0 $*" to
	dir     string
}

// NewTrap writes the trap's script in dir (a fresh temporary directory).
func NewTrap(dir string) (*Trap, error) {
	tr := &Trap{Program: filepath.Join(dir, "trap.sh"), Marker: filepath.Join(dir, "ran"), dir: dir}
	script := "#!/bin/sh\necho \"$0 $*\" >> " + tr.Marker + "\ncat \"$1\" 2>/dev/null\nexit 0\n"
	return tr, os.WriteFile(tr.Program, []byte(script), 0o755)
}

// Ran returns what the trap recorded since the last call ("" when nothing
// ran it) and clears the record.
func (tr *Trap) Ran() string {
	data, err := os.ReadFile(tr.Marker)
	if err != nil {
		return ""
	}
	os.Remove(tr.Marker)
	return string(data)
}

// hooks are the hooks Arm installs, in .git/hooks and in core.hooksPath.
var hooks = []string{"post-checkout", "pre-commit", "post-commit", "post-merge", "pre-push",
	"reference-transaction", "post-index-change", "fsmonitor-watchman", "pre-auto-gc", "post-rewrite"}

// Arm configures the repository of the work tree dir to run the trap at
// every opportunity git offers: hooks, fsmonitor, external diff, textconv
// and filter drivers (named for every path by .git/info/attributes), merge
// driver, pagers, gpg, ssh, askpass, editor and credential helper. It also
// sets the output options a patch reader must not depend on (no prefix,
// relative paths, colour). Arm the repository after staging what a test
// needs: git add would run the filter and the fsmonitor.
func (tr *Trap) Arm(dir string) error {
	evil := tr.Program
	hooksDir := filepath.Join(tr.dir, "hooks")
	if err := os.MkdirAll(hooksDir, 0o755); err != nil {
		return err
	}
	gitHooks := filepath.Join(dir, ".git", "hooks")
	if err := os.MkdirAll(gitHooks, 0o755); err != nil {
		return err
	}
	script, err := os.ReadFile(evil)
	if err != nil {
		return err
	}
	for _, h := range hooks {
		for _, d := range []string{hooksDir, gitHooks} {
			if err := os.WriteFile(filepath.Join(d, h), script, 0o755); err != nil {
				return err
			}
		}
	}
	for _, kv := range [][2]string{
		{"core.fsmonitor", evil},
		{"core.hooksPath", hooksDir},
		{"diff.external", evil},
		{"diff.evil.textconv", evil},
		{"diff.evil.command", evil},
		{"filter.evil.clean", evil},
		{"filter.evil.smudge", evil},
		{"filter.evil.process", evil},
		{"filter.evil.required", "true"},
		{"merge.evil.driver", evil},
		{"core.pager", evil},
		{"pager.log", evil},
		{"pager.diff", evil},
		{"pager.show", evil},
		{"log.showSignature", "true"},
		{"gpg.program", evil},
		{"gpg.ssh.program", evil},
		{"core.sshCommand", evil},
		{"core.askPass", evil},
		{"core.editor", evil},
		{"credential.helper", "!" + evil},
		{"diff.noprefix", "true"},
		{"diff.relative", "true"},
		{"color.ui", "always"},
	} {
		if err := Git(dir, nil, "config", kv[0], kv[1]); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, ".git", "info", "attributes"), []byte("* diff=evil filter=evil\n"), 0o644)
}

// AddSignedBranch adds a branch "signed" whose tip carries a (fake) PGP
// signature, so that log.showSignature would run gpg.program. The commit
// has the tree of HEAD and HEAD^ as its parent, so that it changes a file
// and `git log` shows it.
func AddSignedBranch(dir string) error {
	git := func(stdin string, args ...string) (string, error) {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = FixedEnv()
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.Output()
		if err != nil {
			return "", fmt.Errorf("git %v: %v", args, err)
		}
		return strings.TrimSpace(string(out)), nil
	}
	tree, err := git("", "rev-parse", "HEAD^{tree}")
	if err != nil {
		return err
	}
	parent, err := git("", "rev-parse", "HEAD^")
	if err != nil {
		return err
	}
	obj := "tree " + tree + "\nparent " + parent + "\n" +
		"author A <a@example.com> 1700000000 +0000\ncommitter A <a@example.com> 1700000000 +0000\n" +
		"gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\nsigned\n"
	sha, err := git(obj, "hash-object", "-t", "commit", "-w", "--stdin")
	if err != nil {
		return err
	}
	_, err = git("", "update-ref", "refs/heads/signed", sha)
	return err
}
