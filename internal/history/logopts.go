package history

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/keyless-dev/keyless/internal/safegit"
)

// SplitArgs splits s into words the way a POSIX shell does, without
// expansions: blanks separate words; 'single quotes' keep everything
// literally; "double quotes" keep everything but \" \\ \$ \` escapes; a
// backslash outside quotes escapes the next character. So
// -log-opts "--author='Ann Lee' main..dev" passes two arguments, not
// three with stray quotes (gitleaks splits on spaces; its issue #1153).
func SplitArgs(s string) ([]string, error) {
	var (
		words []string
		cur   strings.Builder
		inTok bool
	)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			if inTok {
				words = append(words, cur.String())
				cur.Reset()
				inTok = false
			}
		case c == '\'':
			inTok = true
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, errors.New("unterminated single quote")
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
		case c == '"':
			inTok = true
			closed := false
			for i++; i < len(s); i++ {
				d := s[i]
				if d == '"' {
					closed = true
					break
				}
				if d == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
					i++
					d = s[i]
				}
				cur.WriteByte(d)
			}
			if !closed {
				return nil, errors.New("unterminated double quote")
			}
		case c == '\\':
			inTok = true
			if i+1 < len(s) {
				i++
				cur.WriteByte(s[i])
			}
		default:
			inTok = true
			cur.WriteByte(c)
		}
	}
	if inTok {
		words = append(words, cur.String())
	}
	return words, nil
}

// revSpec is a log's revisions and options, and the subset rev-list
// understands for counting.
type revSpec struct {
	opts      []string
	paths     []string
	countArgs []string
}

// parseLogOpts splits -log-opts into options/revisions and paths (after
// "--"); no -log-opts means every ref (--all).
func parseLogOpts(logOpts string) (revSpec, error) {
	var rs revSpec
	if logOpts == "" {
		rs.opts = []string{"--all"}
		return rs, nil
	}
	words, err := SplitArgs(logOpts)
	if err != nil {
		return rs, fmt.Errorf("-log-opts: %w", err)
	}
	before, after, hasDash := cutDashDash(words)
	if err := checkLogOpts(before); err != nil {
		return rs, err
	}
	rs.opts = before
	if hasDash {
		rs.paths = append([]string{}, after...)
	}
	return rs, nil
}

// since excludes the commits reachable from rev (when not empty) and
// fills in the rev-list arguments that count the commits to scan.
func since(ctx context.Context, r *safegit.Repo, rs revSpec, rev string) (revSpec, error) {
	if rev != "" {
		id, err := r.ResolveCommit(ctx, rev)
		if err != nil {
			return rs, err
		}
		rs.opts = append(rs.opts, "^"+id)
	}
	rs.countArgs = append(append([]string{"--no-merges"}, rs.opts...), "--")
	rs.countArgs = append(rs.countArgs, rs.paths...)
	return rs, nil
}

func cutDashDash(words []string) (before, after []string, found bool) {
	for i, w := range words {
		if w == "--" {
			return words[:i], words[i+1:], true
		}
	}
	return words, nil, false
}

// checkLogOpts refuses the few `git log` options that would make git run
// a program the repository configures or change the output keyless parses
// in a way no later flag can undo. Formatting options (--stat, --oneline,
// --color…) are overridden by the flags keyless appends.
func checkLogOpts(words []string) error {
	for _, w := range words {
		name, _, _ := strings.Cut(w, "=")
		switch name {
		case "--output", "--graph", "-z", "--ext-diff", "--textconv", "--show-signature",
			"--walk-reflogs", "-g", "--cc", "-c", "-m", "--diff-merges", "--combined-all-paths",
			"--remerge-diff", "--exec", "--open-files-in-pager", "-O", "--binary":
			return fmt.Errorf("-log-opts: %s is not supported (it runs a program or changes the patch format keyless reads)", name)
		}
		if strings.HasPrefix(w, "-O") || strings.HasPrefix(w, "--output") {
			return fmt.Errorf("-log-opts: %s is not supported", w)
		}
	}
	return nil
}
