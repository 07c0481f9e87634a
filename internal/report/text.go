package report

import (
	"bufio"
	"fmt"
	"io"
)

// WriteText writes one line per unsuppressed finding,
//
//	path:line:col: rule-id: message
//
// (history findings add the commit), then a count line to meta.Stderr.
// Suppressed findings are left out; the count line says how many.
func WriteText(w io.Writer, findings []Finding, meta Meta) error {
	bw := bufio.NewWriter(w)
	for _, f := range findings {
		if f.Suppression != nil {
			continue
		}
		fmt.Fprintf(bw, "%s:%d:%d: %s: %s", f.Path, max(f.Line, 1), max(f.Column, 1), f.RuleID, f.Message)
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
		s = "keyless: " + plural(n, "finding") + " ("
		sep := ""
		for _, k := range []struct {
			n    int
			name string
		}{{c.Error, "error"}, {c.Warning, "warning"}, {c.Note, "note"}} {
			if k.n > 0 {
				s += sep + plural(k.n, k.name)
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
