package safegit

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
)

// commitMark starts the header line that LogFormat prints for each commit:
// a NUL byte cannot start any line of a patch (content lines start with
// '+', '-', ' ' or '\'), so the header is unambiguous.
const commitMark = "\x00"

// LogFormat is the `git log` option that prints the commit headers Parser
// reads: "\0<sha>\0<author date>\0<author name>\0<author email>".
const LogFormat = "--format=%x00%H%x00%aI%x00%an%x00%ae"

// Commit is the metadata of one commit of a `git log` patch stream.
type Commit struct {
	SHA    string
	Author string // "Name <email>"
	Date   string // author date, RFC 3339 in UTC
	Seq    int    // position in git's output (0 = first printed = newest)
}

// Hunk is the added text of one hunk of one file in one commit (or in a
// `git diff`): the added lines joined by '\n', and for each of them its
// line number in the file on the new side.
type Hunk struct {
	Commit   *Commit // nil for a `git diff`
	Path     string  // slash-separated, relative to the top level, decoded
	Text     []byte
	Lines    []int
	Size     int  // bytes of added content seen, even when dropped
	Oversize bool // Size exceeded the cap; Text and Lines dropped
}

// Parser reads `git log -p` / `git diff` output (with DiffFlags) as a
// stream and emits one Hunk per hunk with added lines. It relies on hunk line counts,
// not on line prefixes alone, so an added line that reads "+++ b/x" or
// "diff --git" is content, not a header.
type Parser struct {
	r       *bufio.Reader
	maxSize int // per hunk; 0 = no cap
	emit    func(*Hunk)
	commit  func(*Commit)

	cur     *Commit
	seq     int
	file    *Hunk
	skip    bool // current file is binary or deleted
	oldRem  int  // old-side lines left in the current hunk
	newRem  int  // new-side lines left in the current hunk
	newLine int  // file line number of the next new-side line
	line    []byte
}

// NewParser returns a parser of r that calls onCommit (when not nil) at
// each commit header and emit for each hunk with added lines. A hunk whose
// added lines exceed maxSize bytes (0 = no cap) is emitted with Oversize
// set and no text.
func NewParser(r io.Reader, maxSize int, onCommit func(*Commit), emit func(*Hunk)) *Parser {
	return &Parser{r: bufio.NewReaderSize(r, 1<<20), maxSize: maxSize, emit: emit, commit: onCommit}
}

// readLine returns the next line without its '\n', however long it is.
func (p *Parser) readLine() ([]byte, error) {
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

// Run parses the stream to its end.
func (p *Parser) Run() error {
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

func (p *Parser) hunkLine(line []byte) {
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

func (p *Parser) add(content []byte) {
	f := p.file
	if f == nil || p.skip {
		return
	}
	f.Size += len(content) + 1
	if f.Oversize {
		return
	}
	if p.maxSize > 0 && f.Size > p.maxSize {
		f.Oversize = true
		f.Text, f.Lines = nil, nil
		return
	}
	if len(f.Lines) > 0 {
		f.Text = append(f.Text, '\n')
	}
	f.Text = append(f.Text, content...)
	f.Lines = append(f.Lines, p.newLine)
}

func (p *Parser) headerLine(line []byte) {
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
		p.file = &Hunk{Commit: p.cur, Path: pathFromDiffGit(string(line[len("diff --git "):]))}
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
			p.file.Path = path
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
func (p *Parser) hunkHeader(h string) {
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
	// One Hunk per hunk, as gitleaks' git source yields one fragment per
	// text fragment: keyword prefilters, multi-line rules and decoding
	// passes then see exactly what they see under gitleaks.
	if f := p.file; f != nil && f.Size > 0 {
		p.emit(f)
		p.file = &Hunk{Commit: f.Commit, Path: f.Path}
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

func (p *Parser) flush() {
	f := p.file
	p.file, p.skip, p.oldRem, p.newRem = nil, false, 0, 0
	if f == nil || f.Size == 0 {
		return
	}
	p.emit(f)
}

func parseCommitHeader(h string, seq int) *Commit {
	f := strings.Split(h, "\x00")
	for len(f) < 4 {
		f = append(f, "")
	}
	c := &Commit{SHA: f[0], Date: f[1], Seq: seq}
	if t, err := time.Parse(time.RFC3339, f[1]); err == nil {
		c.Date = t.UTC().Format(time.RFC3339)
	}
	c.Author = f[2]
	if f[3] != "" {
		c.Author += " <" + f[3] + ">"
	}
	return c
}

// ChangedLines reads diff, the output of a `git diff` with DiffFlags, and
// returns by path (slash-separated, relative to the top level) the
// new-side line numbers of its added lines: what lint -new-from-rev
// reports on.
func ChangedLines(diff io.Reader) (map[string][]int, error) {
	lines := map[string][]int{}
	err := NewParser(diff, 0, nil, func(h *Hunk) { lines[h.Path] = append(lines[h.Path], h.Lines...) }).Run()
	return lines, err
}
