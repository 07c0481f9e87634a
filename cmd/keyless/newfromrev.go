package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/keyless-dev/keyless/internal/history"
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

// changedLines runs git in the working directory.
func changedLines(rev string) (*changeSet, error) {
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
	out, err := git("-c", "core.quotePath=false", "diff", "-U0", "--no-color", "--no-ext-diff", "--no-textconv",
		"--src-prefix=a/", "--dst-prefix=b/", rev, "--")
	if err != nil {
		return nil, err
	}
	c := &changeSet{lines: parseDiffLines(top, out), whole: map[string]bool{}, real: map[string]string{}}
	untracked, err := git("-c", "core.quotePath=false", "ls-files", "--others", "--exclude-standard", "--full-name", "-z")
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

// parseDiffLines returns the new-side line numbers of each hunk of a
// `git diff -U0` output, by absolute path under top.
func parseDiffLines(top, diff string) map[string]map[int]bool {
	lines := map[string]map[int]bool{}
	var cur map[int]bool
	for _, l := range strings.Split(diff, "\n") {
		switch {
		case strings.HasPrefix(l, "+++ "):
			name := strings.TrimSuffix(strings.TrimPrefix(l, "+++ "), "\t")
			if name == "/dev/null" {
				cur = nil
				continue
			}
			name = strings.TrimPrefix(name, "b/")
			abs := filepath.Join(top, filepath.FromSlash(name))
			if lines[abs] == nil {
				lines[abs] = map[int]bool{}
			}
			cur = lines[abs]
		case strings.HasPrefix(l, "@@ ") && cur != nil:
			// @@ -a[,b] +c[,d] @@
			f := strings.Fields(l)
			if len(f) < 3 || !strings.HasPrefix(f[2], "+") {
				continue
			}
			startS, countS, hasCount := strings.Cut(f[2][1:], ",")
			start, err := strconv.Atoi(startS)
			if err != nil {
				continue
			}
			count := 1
			if hasCount {
				if count, err = strconv.Atoi(countS); err != nil {
					continue
				}
			}
			for i := start; i < start+count; i++ {
				cur[i] = true
			}
		}
	}
	return lines
}

// git runs git with args in the working directory; an error carries the
// first line of git's stderr.
func git(args ...string) (string, error) {
	// Hardened as the history scan: no fsmonitor, hook, pager or
	// external diff the repository configures runs.
	cmd := history.Command(context.Background(), ".", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
			if msg == "" {
				msg = err.Error()
			}
			return "", fmt.Errorf("git %s: %s", args[0], msg)
		}
		return "", fmt.Errorf("running git: %v", err)
	}
	return stdout.String(), nil
}
