package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// WriteText writes one line per unsuppressed finding,
//
//	path:line:col: rule-id: message
//
// (history findings add the commit), then a count line to meta.Stderr.
// Suppressed findings are left out; the count line says how many. Paths,
// rule ids and messages go through Printable, so a file name from a
// scanned repository can neither break the one-line-per-finding shape nor
// forge a line of its own (a GitHub workflow command in a CI log).
func WriteText(w io.Writer, findings []Finding, meta Meta) error {
	bw := bufio.NewWriter(w)
	for _, f := range findings {
		if f.Suppression != nil {
			continue
		}
		path := Printable(f.Path)
		if strings.HasPrefix(strings.TrimSpace(path), "::") {
			path = "./" + path // a line starting with "::" is a workflow command
		}
		fmt.Fprintf(bw, "%s:%d:%d: %s: %s", path, max(f.Line, 1), max(f.Column, 1), Printable(f.RuleID), Printable(f.Message))
		if f.Commit != "" {
			fmt.Fprintf(bw, " (commit %s)", shortCommit(f.Commit))
		}
		bw.WriteString("\n")
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if meta.Stderr != nil {
		fmt.Fprintln(meta.Stderr, Summary(Count(findings)))
	}
	return nil
}

// Summary is the one-line count of a run, e.g.
// "keyless: 3 findings (2 errors, 1 warning), 1 suppressed".
func Summary(c Counts) string {
	s := "keyless: no findings"
	if n := c.Active(); n > 0 {
		s = "keyless: " + Plural(n, "finding") + " ("
		sep := ""
		for _, k := range []struct {
			n    int
			name string
		}{{c.Error, "error"}, {c.Warning, "warning"}, {c.Note, "note"}} {
			if k.n > 0 {
				s += sep + Plural(k.n, k.name)
				sep = ", "
			}
		}
		s += ")"
	}
	if c.Suppressed > 0 {
		s += fmt.Sprintf(", %d suppressed", c.Suppressed)
	}
	return s
}

func shortCommit(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}

// Printable escapes the control characters of s (C0 and C1 controls:
// newlines, carriage returns, terminal escape sequences, DEL) as \n, \r,
// \t or \xNN / \u00NN, so that text taken from a scanned repository (file
// names, commit data) prints on one line and cannot drive a terminal.
// Everything else, invalid UTF-8 included, is kept as is.
func Printable(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < ' ' || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case isControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isControl reports C0 and C1 control characters and DEL.
func isControl(r rune) bool { return r < ' ' || 0x7f <= r && r <= 0x9f }
