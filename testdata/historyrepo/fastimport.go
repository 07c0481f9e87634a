package historyrepo

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

// Identity is the fixed author and committer of every generated commit:
// with fixed dates too, commit ids are the same on every machine and run.
const (
	IdentityName  = "Fixture Author"
	IdentityEmail = "author@fixture.invalid"
	// BaseTime is the author date of the first commit (2023-11-14T22:13:20Z);
	// each commit is one hour after the previous one.
	BaseTime int64 = 1700000000
)

// Op changes one file in a commit: Content nil deletes the path.
type Op struct {
	Path    string
	Content *string
}

// Put returns an Op that writes content to path.
func Put(path, content string) Op { return Op{Path: path, Content: &content} }

// Del returns an Op that deletes path.
func Del(path string) Op { return Op{Path: path} }

// Importer writes commits to a new repository through `git fast-import`,
// which is deterministic and thousands of times faster than `git commit`.
type Importer struct {
	dir   string
	cmd   *exec.Cmd
	in    io.WriteCloser
	w     *bufio.Writer
	mark  int
	n     int64
	heads map[string]int // branch → mark of its tip
	err   error
	out   bytes.Buffer
}

// NewImporter runs `git init` in dir (which must not exist or be empty)
// and starts fast-import.
func NewImporter(dir string) (*Importer, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := Git(dir, nil, "init", "-q", "-b", "main"); err != nil {
		return nil, err
	}
	im := &Importer{dir: dir, heads: map[string]int{}}
	im.cmd = exec.Command("git", "-C", dir, "fast-import", "--quiet", "--done", "--export-marks=.git/fixture-marks")
	im.cmd.Env = FixedEnv()
	im.cmd.Stdout = &im.out
	im.cmd.Stderr = &im.out
	in, err := im.cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	im.in = in
	im.w = bufio.NewWriterSize(in, 1<<20)
	if err := im.cmd.Start(); err != nil {
		return nil, err
	}
	return im, nil
}

// Commit adds a commit on branch (created from the tip of from when branch
// is new; from "" starts a root commit) and returns its mark.
func (im *Importer) Commit(branch, from, message string, ops ...Op) int {
	im.mark++
	when := BaseTime + im.n*3600
	im.n++
	w := im.w
	fmt.Fprintf(w, "commit refs/heads/%s\nmark :%d\n", branch, im.mark)
	fmt.Fprintf(w, "author %s <%s> %d +0000\n", IdentityName, IdentityEmail, when)
	fmt.Fprintf(w, "committer %s <%s> %d +0000\n", IdentityName, IdentityEmail, when)
	fmt.Fprintf(w, "data %d\n%s\n", len(message), message)
	if _, ok := im.heads[branch]; !ok && from != "" {
		if m, ok := im.heads[from]; ok {
			fmt.Fprintf(w, "from :%d\n", m)
		}
	}
	for _, op := range ops {
		if op.Content == nil {
			fmt.Fprintf(w, "D %s\n", quotePath(op.Path))
			continue
		}
		fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", quotePath(op.Path), len(*op.Content), *op.Content)
	}
	w.WriteString("\n")
	im.heads[branch] = im.mark
	return im.mark
}

func quotePath(p string) string {
	if strings.ContainsAny(p, "\"\n\\ ") {
		return fmt.Sprintf("%q", p)
	}
	return p
}

// Close finishes the import, checks out main (so the work tree and index
// match HEAD) and returns the commit id of each mark (index = mark).
func (im *Importer) Close() ([]string, error) {
	im.w.WriteString("done\n")
	if err := im.w.Flush(); err != nil {
		return nil, err
	}
	im.in.Close()
	if err := im.cmd.Wait(); err != nil {
		return nil, fmt.Errorf("git fast-import: %v: %s", err, im.out.String())
	}
	data, err := os.ReadFile(im.dir + "/.git/fixture-marks")
	if err != nil {
		return nil, err
	}
	shas := make([]string, im.mark+1)
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var m int
		var sha string
		if _, err := fmt.Sscanf(line, ":%d %s", &m, &sha); err == nil && m < len(shas) {
			shas[m] = sha
		}
	}
	os.Remove(im.dir + "/.git/fixture-marks")
	if err := Git(im.dir, nil, "checkout", "-q", "-f", "main"); err != nil {
		return nil, err
	}
	return shas, nil
}

// FixedEnv is the environment of generator git commands: no user or
// system configuration, fixed identity and dates.
func FixedEnv() []string {
	env := []string{}
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GIT_") {
			continue
		}
		env = append(env, kv)
	}
	date := fmt.Sprintf("@%d +0000", BaseTime)
	return append(env,
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_NAME="+IdentityName, "GIT_AUTHOR_EMAIL="+IdentityEmail, "GIT_AUTHOR_DATE="+date,
		"GIT_COMMITTER_NAME="+IdentityName, "GIT_COMMITTER_EMAIL="+IdentityEmail, "GIT_COMMITTER_DATE="+date,
	)
}

// Git runs git in dir with FixedEnv (plus extra variables).
func Git(dir string, extraEnv []string, args ...string) error {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(FixedEnv(), extraEnv...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return nil
}
