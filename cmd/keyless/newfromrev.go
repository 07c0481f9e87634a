package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/keyless-dev/keyless/internal/safegit"
)

// changeSet is the set of lines changed since a git revision: lines added
// or modified in `git diff -U0 REV` (working tree against REV) and every
// line of untracked files. Deleted lines have no new-side line and so
// never match.
type changeSet struct {
	lines map[string]map[int]bool // by real absolute path
	whole map[string]bool         // untracked files
	real  map[string]string       // cache: file name -> real path
}

// covers reports whether any of lines from..to of file changed.
func (c *changeSet) covers(file string, from, to int) bool {
	r := c.realPath(file)
	if c.whole[r] {
		return true
	}
	ls := c.lines[r]
	for l := from; l <= to; l++ {
		if ls[l] {
			return true
		}
	}
	return false
}

func (c *changeSet) realPath(file string) string {
	if r, ok := c.real[file]; ok {
		return r
	}
	r := file
	if abs, err := filepath.Abs(file); err == nil {
		r = abs
	}
	if e, err := filepath.EvalSymlinks(r); err == nil {
		r = e
	}
	c.real[file] = r
	return r
}

// changedLines runs git in the working directory. With staged, the
// change is what is staged against rev (`git diff --cached`), and
// untracked files are not part of it: the pre-commit hook checks the
// commit, and an untracked file is not in it (reading only the index's
// diff is also what keeps -staged fast in a large work tree).
func changedLines(rev string, staged bool) (*changeSet, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("revision %q looks like a flag", rev)
	}
	top, err := git("rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	top = strings.TrimSpace(top)
	if e, err := filepath.EvalSymlinks(top); err == nil {
		top = e
	}
	if _, err := git("rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("unknown revision %q", rev)
	}
	// The patch is read by the parser the history scan uses: same
	// flags, same decoding of C-quoted names.
	diff := []string{"diff"}
	if staged {
		diff = append(diff, "--cached")
	}
	out, err := git(append(append(diff, safegit.DiffFlags...), rev, "--")...)
	if err != nil {
		return nil, err
	}
	changed, err := safegit.ChangedLines(strings.NewReader(out))
	if err != nil {
		return nil, err
	}
	c := &changeSet{lines: map[string]map[int]bool{}, whole: map[string]bool{}, real: map[string]string{}}
	for name, lines := range changed {
		set := map[int]bool{}
		for _, l := range lines {
			set[l] = true
		}
		c.lines[filepath.Join(top, filepath.FromSlash(name))] = set
	}
	if staged {
		return c, nil
	}
	untracked, err := git("ls-files", "--others", "--exclude-standard", "--full-name", "-z")
	if err != nil {
		return nil, err
	}
	for _, p := range strings.Split(untracked, "\x00") {
		if p != "" {
			c.whole[filepath.Join(top, filepath.FromSlash(p))] = true
		}
	}
	return c, nil
}

// git runs git with args in the working directory, hardened as every git
// run of keyless (internal/safegit); an error says which git command
// failed and carries git's message with its level, as lint has always
// printed it ("git rev-parse: fatal: not a git repository …").
func git(args ...string) (string, error) {
	out, err := safegit.Run(context.Background(), ".", args...)
	var ge *safegit.Error
	if errors.As(err, &ge) && ge.Level != "" {
		return "", fmt.Errorf("%s: %s: %s", ge.Op, ge.Level, ge.Msg)
	}
	return out, err
}
