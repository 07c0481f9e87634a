package main

import (
	"fmt"
	"go/format"
	"maps"
	"os"
	"slices"
	"sort"

	"github.com/keyless-dev/keyless/internal/report"
)

// Applying suggested fixes (-fix, -diff). The edits of all fixes are
// merged per file; an edit identical to one already taken (two findings
// adding the same import, or a file seen through a package and its test
// variant) is taken once; a fix with an edit that overlaps a different,
// already-accepted edit is refused as a whole, so every file gets either
// all or none of a fix. Each changed file is gofmt'ed; a file that no
// longer parses is left alone and its fixes are refused.

// fixEdit is one edit in absolute-file terms.
type fixEdit struct {
	file       string
	start, end int // byte offsets, end exclusive
	text       string
}

func (e fixEdit) insertion() bool { return e.start == e.end }

// conflicts reports whether two different edits of one file cannot both
// apply in a well-defined way.
func conflicts(a, b fixEdit) bool {
	switch {
	case a.insertion() && b.insertion():
		return a.start == b.start // two insertions at one point: order unknown
	case a.insertion():
		return b.start < a.start && a.start < b.end
	case b.insertion():
		return a.start < b.start && b.start < a.end
	}
	return a.start < b.end && b.start < a.end
}

// fixPlan accumulates accepted fixes.
type fixPlan struct {
	edits map[string][]fixEdit // accepted edits per file, without duplicates
}

// add accepts the edits of one fix, or none of them.
func (p *fixPlan) add(edits []fixEdit) error {
	var fresh []fixEdit
	for i, e := range edits {
		if e.start < 0 || e.end < e.start {
			return fmt.Errorf("invalid edit range %d-%d", e.start, e.end)
		}
		for _, o := range edits[:i] {
			if o != e && o.file == e.file && conflicts(o, e) {
				return fmt.Errorf("its own edits overlap")
			}
		}
		dup := false
		for _, a := range p.edits[e.file] {
			if a == e {
				dup = true
				break
			}
			if conflicts(a, e) {
				return fmt.Errorf("it overlaps the fix of another finding in %s", e.file)
			}
		}
		if !dup && !slices.Contains(fresh, e) {
			fresh = append(fresh, e)
		}
	}
	for _, e := range fresh {
		p.edits[e.file] = append(p.edits[e.file], e)
	}
	return nil
}

// applyEdits applies non-conflicting edits to src.
func applyEdits(src []byte, edits []fixEdit) ([]byte, error) {
	edits = append([]fixEdit(nil), edits...)
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].start != edits[j].start {
			return edits[i].start < edits[j].start
		}
		return edits[i].end < edits[j].end // an insertion before a replacement at the same point
	})
	var out []byte
	last := 0
	for _, e := range edits {
		if e.start < last || e.end > len(src) {
			return nil, fmt.Errorf("edit %d-%d out of range or overlapping", e.start, e.end)
		}
		out = append(out, src[last:e.start]...)
		out = append(out, e.text...)
		last = e.end
	}
	return append(out, src[last:]...), nil
}

// fixResult is the outcome of planning fixes over a set of findings.
type fixResult struct {
	newContent map[string][]byte // changed files, formatted
	fixed      map[int]bool      // indexes of findings whose fix is in newContent
	refused    map[int]string    // index -> why its fix was not applied
}

// planFixes merges the fixes of findings (edits resolved to absolute file
// names by abs) over the contents read by read, and formats the results.
func planFixes(findings []report.Finding, abs func(string) string, read func(string) ([]byte, error)) fixResult {
	return planFixesWith(findings, abs, read, func(_ string, src []byte) ([]byte, error) { return format.Source(src) })
}

// planFixesWith is planFixes with the formatter (and parse check) of the
// files' language: gofmt for Go, a re-parse for templates (keyless infra).
func planFixesWith(findings []report.Finding, abs func(string) string, read func(string) ([]byte, error), formatFile func(file string, src []byte) ([]byte, error)) fixResult {
	res := fixResult{fixed: map[int]bool{}, refused: map[int]string{}}
	for {
		plan := fixPlan{edits: map[string][]fixEdit{}}
		owners := map[string][]int{}
		for i, f := range findings {
			if f.Fix == nil || len(f.Fix.Edits) == 0 || f.Suppression != nil || res.refused[i] != "" {
				continue
			}
			var edits []fixEdit
			for _, e := range f.Fix.Edits {
				edits = append(edits, fixEdit{file: abs(e.Path), start: e.Offset, end: e.EndOffset, text: e.NewText})
			}
			if err := plan.add(edits); err != nil {
				res.refused[i] = err.Error()
				continue
			}
			for _, e := range edits {
				if o := owners[e.file]; len(o) == 0 || o[len(o)-1] != i {
					owners[e.file] = append(owners[e.file], i)
				}
			}
		}
		res.newContent = map[string][]byte{}
		again := false
		for file, edits := range plan.edits {
			why := ""
			src, err := read(file)
			var out []byte
			if err == nil {
				out, err = applyEdits(src, edits)
			}
			if err == nil {
				out, err = formatFile(file, out)
				if err != nil {
					why = fmt.Sprintf("the fixed %s would not parse: %v", file, err)
				}
			} else {
				why = fmt.Sprintf("%s: %v", file, err)
			}
			if why != "" {
				for _, i := range owners[file] {
					res.refused[i] = why
				}
				again = true // drop those fixes everywhere and re-plan
				continue
			}
			res.newContent[file] = out
		}
		if again {
			continue
		}
		for _, is := range owners {
			for _, i := range is {
				res.fixed[i] = true
			}
		}
		return res
	}
}

// applyFixes applies (or with -diff prints) the fixes of the unsuppressed
// findings, prints what it did on stderr, and returns the findings that
// remain: all of them with -diff, the unfixed ones with -fix.
func (l *linter) applyFixes(findings []report.Finding) []report.Finding {
	absOf := func(p string) string {
		if a, ok := l.abs[p]; ok {
			return a
		}
		return p
	}
	read := func(file string) ([]byte, error) {
		if b := l.content(file); b != nil {
			return b, nil
		}
		return os.ReadFile(file)
	}
	res := planFixes(findings, absOf, read)
	for i, why := range res.refused {
		f := findings[i]
		fmt.Fprintf(stderr, "keyless lint: not fixing %s:%d:%d: %s: %s\n", f.Path, f.Line, f.Column, f.RuleID, scrubLine(why)) // why may quote source
	}
	files := slices.Sorted(maps.Keys(res.newContent))
	if l.flags.diff {
		for _, file := range files {
			old, _ := read(file)
			name := l.displayName(file)
			// A diff shows whole source lines: secrets in them are
			// shown redacted (such a hunk does not apply; use -fix).
			scrub.addFile(file, old)
			fmt.Fprint(stdout, scrub.scrubText(unifiedDiff("a/"+name, "b/"+name, string(old), string(res.newContent[file]))))
		}
		return findings
	}
	for _, file := range files {
		mode := os.FileMode(0o644)
		if st, err := os.Stat(file); err == nil {
			mode = st.Mode().Perm()
		}
		if err := os.WriteFile(file, res.newContent[file], mode); err != nil {
			l.errorf("writing fix: %v", err)
			return findings
		}
		l.files[file] = res.newContent[file]
	}
	var remaining []report.Finding
	n := 0
	for i, f := range findings {
		if res.fixed[i] {
			n++
			fmt.Fprintf(stderr, "keyless lint: fixed %s:%d:%d: %s: %s\n", f.Path, f.Line, f.Column, f.RuleID, f.Fix.Message)
			continue
		}
		remaining = append(remaining, f)
	}
	if n > 0 {
		fmt.Fprintf(stderr, "keyless lint: fixed %s in %s\n", report.Plural(n, "finding"), report.Plural(len(files), "file"))
	}
	return remaining
}

// displayName is the finding path of an absolute file name.
func (l *linter) displayName(file string) string {
	for rel, a := range l.abs {
		if a == file {
			return rel
		}
	}
	return file
}
