package history

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
)

// commitMark starts the header line that logFormat prints for each commit:
// a NUL byte cannot start any line of a patch (content lines start with
// '+', '-', ' ' or '\'), so the header is unambiguous.
const commitMark = "\x00"

// logFormat prints "\0<sha>\0<author date>\0<author name>\0<author email>".
const logFormat = "--format=%x00%H%x00%aI%x00%an%x00%ae"

// Commit is the metadata of one scanned commit.
type Commit struct {
	SHA    string
	Author string // "Name <email>"
	Date   string // author date, RFC 3339 in UTC
	seq    int    // position in git's output (0 = first printed = newest)
}

// change is the added text of one hunk of one file in one commit (or in
// the staged diff): the added lines joined by '\n', and for each of them
// its line number in the file at that commit.
type change struct {
	commit   *Commit // nil for the staged diff
	path     string
	text     []byte
	lines    []int
	size     int  // bytes of added content seen, even when dropped
	oversize bool // size exceeded the cap; text dropped
}

// patchParser reads `git log -p -U0` / `git diff -U0` output as a stream
// and emits one change per hunk with added lines. It relies on hunk line counts,
// not on line prefixes alone, so an added line that reads "+++ b/x" or
// "diff --git" is content, not a header.
type patchParser struct {
	r       *bufio.Reader
	maxSize int // per change; 0 = no cap
	emit    func(*change)
	commit  func(*Commit)

	cur     *Commit
	seq     int
	file    *change
	skip    bool // current file is binary or deleted
	oldRem  int  // old-side lines left in the current hunk
	newRem  int  // new-side lines left in the current hunk
	newLine int  // file line number of the next new-side line
	line    []byte
}

func newPatchParser(r io.Reader, maxSize int, onCommit func(*Commit), emit func(*change)) *patchParser {
	return &patchParser{r: bufio.NewReaderSize(r, 1<<20), maxSize: maxSize, emit: emit, commit: onCommit}
}

// readLine returns the next line without its '\n', however long it is.
func (p *patchParser) readLine() ([]byte, error) {
	p.line = p.line[:0]
	for {
		chunk, err := p.r.ReadSlice('\n')
		p.line = append(p.line, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(p.line) > 0 {
			return p.line, nil
		}
		if err != nil {
			return nil, err
		}
		return p.line[:len(p.line)-1], nil
	}
}

func (p *patchParser) run() error {
	for {
		line, err := p.readLine()
		if errors.Is(err, io.EOF) {
			p.flush()
			return nil
		}
		if err != nil {
			return err
		}
		if p.oldRem > 0 || p.newRem > 0 {
			p.hunkLine(line)
			continue
		}
		p.headerLine(line)
	}
}

func (p *patchParser) hunkLine(line []byte) {
	if len(line) == 0 {
		// A bare empty line inside a hunk: a context line whose leading
		// space was stripped by a transport; count it as context.
		line = []byte{' '}
	}
	switch line[0] {
	case '+':
		p.newRem--
		p.add(line[1:])
		p.newLine++
	case '-':
		p.oldRem--
	case ' ':
		p.oldRem--
		p.newRem--
		p.newLine++
	case '\\': // "\ No newline at end of file"
	default:
		// Not a hunk line: the counts were wrong; resynchronise.
		p.oldRem, p.newRem = 0, 0
		p.headerLine(line)
	}
}

func (p *patchParser) add(content []byte) {
	f := p.file
	if f == nil || p.skip {
		return
	}
	f.size += len(content) + 1
	if f.oversize {
		return
	}
	if p.maxSize > 0 && f.size > p.maxSize {
		f.oversize = true
		f.text, f.lines = nil, nil
		return
	}
	if len(f.lines) > 0 {
		f.text = append(f.text, '\n')
	}
	f.text = append(f.text, content...)
	f.lines = append(f.lines, p.newLine)
}

func (p *patchParser) headerLine(line []byte) {
	switch {
	case bytes.HasPrefix(line, []byte(commitMark)):
		p.flush()
		p.cur = parseCommitHeader(string(line[1:]), p.seq)
		p.seq++
		if p.commit != nil {
			p.commit(p.cur)
		}
	case bytes.HasPrefix(line, []byte("diff --git ")):
		p.flush()
		p.file = &change{commit: p.cur, path: pathFromDiffGit(string(line[len("diff --git "):]))}
		p.skip = false
	case p.file == nil:
		// commit header text, stat lines, blank lines: nothing to scan
	case bytes.HasPrefix(line, []byte("+++ ")):
		name := string(line[4:])
		if name == "/dev/null" {
			p.skip = true
			return
		}
		if path, ok := parsePatchPath(name, "b/"); ok {
			p.file.path = path
		}
	case bytes.HasPrefix(line, []byte("Binary files ")), bytes.HasPrefix(line, []byte("GIT binary patch")):
		p.skip = true
	case bytes.HasPrefix(line, []byte("deleted file mode")):
		p.skip = true
	case bytes.HasPrefix(line, []byte("@@ ")):
		p.hunkHeader(string(line))
	}
}

// hunkHeader parses "@@ -a[,b] +c[,d] @@ ...".
func (p *patchParser) hunkHeader(h string) {
	h = strings.TrimPrefix(h, "@@ ")
	end := strings.Index(h, " @@")
	if end < 0 {
		return
	}
	parts := strings.Fields(h[:end])
	if len(parts) != 2 || !strings.HasPrefix(parts[0], "-") || !strings.HasPrefix(parts[1], "+") {
		return
	}
	_, oldCount := parseRange(parts[0][1:])
	newStart, newCount := parseRange(parts[1][1:])
	p.oldRem, p.newRem, p.newLine = oldCount, newCount, newStart
	// One change per hunk, as gitleaks' git source yields one fragment per
	// text fragment: keyword prefilters, multi-line rules and decoding
	// passes then see exactly what they see under gitleaks.
	if f := p.file; f != nil && f.size > 0 {
		p.emit(f)
		p.file = &change{commit: f.commit, path: f.path}
	}
}

func parseRange(s string) (start, count int) {
	a, b, ok := strings.Cut(s, ",")
	start, _ = strconv.Atoi(a)
	count = 1
	if ok {
		count, _ = strconv.Atoi(b)
	}
	return start, count
}

func (p *patchParser) flush() {
	f := p.file
	p.file, p.skip, p.oldRem, p.newRem = nil, false, 0, 0
	if f == nil || f.size == 0 {
		return
	}
	p.emit(f)
}

func parseCommitHeader(h string, seq int) *Commit {
	f := strings.Split(h, "\x00")
	for len(f) < 4 {
		f = append(f, "")
	}
	c := &Commit{SHA: f[0], Date: f[1], seq: seq}
	if t, err := time.Parse(time.RFC3339, f[1]); err == nil {
		c.Date = t.UTC().Format(time.RFC3339)
	}
	c.Author = f[2]
	if f[3] != "" {
		c.Author += " <" + f[3] + ">"
	}
	return c
}

// pathFromDiffGit takes the new path from "a/X b/Y" when it is
// unambiguous (the +++ line, when present, overrides it).
func pathFromDiffGit(s string) string {
	if strings.HasPrefix(s, `"`) {
		// quoted old name; the new name follows
		if _, rest, ok := unquoteC(s); ok {
			if p, ok := parsePatchPath(strings.TrimPrefix(rest, " "), "b/"); ok {
				return p
			}
		}
		return ""
	}
	// Unquoted: "a/X b/X" where X may contain spaces; when both names are
	// equal the split is at the middle.
	if n := len(s); n%2 == 1 {
		a, b := s[:n/2], s[n/2+1:]
		if strings.HasPrefix(a, "a/") && strings.HasPrefix(b, "b/") && a[2:] == b[2:] {
			return b[2:]
		}
	}
	if i := strings.LastIndex(s, " b/"); i >= 0 {
		return s[i+3:]
	}
	return ""
}

// parsePatchPath decodes a name from a ---/+++ line: C-quoted when it has
// special characters, else raw with a trailing TAB when it has a space.
func parsePatchPath(name, prefix string) (string, bool) {
	if strings.HasPrefix(name, `"`) {
		s, _, ok := unquoteC(name)
		if !ok {
			return "", false
		}
		name = s
	} else {
		name = strings.TrimSuffix(name, "\t")
	}
	if !strings.HasPrefix(name, prefix) {
		return "", false
	}
	return name[len(prefix):], true
}

// unquoteC decodes git's C-style quoted name at the start of s and returns
// it with the rest of s.
func unquoteC(s string) (string, string, bool) {
	if !strings.HasPrefix(s, `"`) {
		return "", s, false
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			return b.String(), s[i+1:], true
		case c != '\\':
			b.WriteByte(c)
		case i+1 >= len(s):
			return "", s, false
		default:
			i++
			switch e := s[i]; e {
			case 'a':
				b.WriteByte('\a')
			case 'b':
				b.WriteByte('\b')
			case 't':
				b.WriteByte('\t')
			case 'n':
				b.WriteByte('\n')
			case 'v':
				b.WriteByte('\v')
			case 'f':
				b.WriteByte('\f')
			case 'r':
				b.WriteByte('\r')
			case '0', '1', '2', '3':
				if i+2 >= len(s) {
					return "", s, false
				}
				v, err := strconv.ParseUint(s[i:i+3], 8, 8)
				if err != nil {
					return "", s, false
				}
				b.WriteByte(byte(v))
				i += 2
			default:
				b.WriteByte(e)
			}
		}
	}
	return "", s, false
}
