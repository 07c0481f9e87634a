package report

import (
	"bufio"
	"encoding/json"
	"io"
)

// reviewdog's RDFormat (proto/rdf/reviewdog.proto), one Diagnostic per
// line. Positions are 1-based; columns count UTF-8 bytes; end is
// exclusive; an insertion is a zero-width range.

type rdDiagnostic struct {
	Message     string         `json:"message"`
	Location    rdLocation     `json:"location"`
	Severity    string         `json:"severity"`
	Source      rdSource       `json:"source"`
	Code        rdCode         `json:"code"`
	Suggestions []rdSuggestion `json:"suggestions,omitempty"`
}

type rdLocation struct {
	Path  string  `json:"path"`
	Range rdRange `json:"range"`
}

type rdRange struct {
	Start rdPosition  `json:"start"`
	End   *rdPosition `json:"end,omitempty"`
}

type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type rdCode struct {
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

type rdSuggestion struct {
	Range rdRange `json:"range"`
	Text  string  `json:"text"`
}

// WriteRDJSONL writes one reviewdog diagnostic per unsuppressed finding.
// Fix edits in the finding's own file become suggestions, which
// `reviewdog -reporter=github-pr-review` posts as committable changes.
func WriteRDJSONL(w io.Writer, findings []Finding, meta Meta) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, f := range findings {
		if f.Suppression != nil {
			continue
		}
		d := rdDiagnostic{
			Message:  f.Message,
			Location: rdLocation{Path: f.Path, Range: rdRangeOf(f.Line, f.Column, f.EndLine, f.EndColumn)},
			Severity: map[string]string{"error": "ERROR", "warning": "WARNING", "note": "INFO"}[levelOf(f.Severity)],
			Source:   rdSource{Name: "keyless", URL: InformationURI},
			Code:     rdCode{Value: f.RuleID},
		}
		if f.Commit != "" {
			d.Message += " (commit " + shortCommit(f.Commit) + ")"
		}
		if f.Fix != nil {
			for _, e := range f.Fix.Edits {
				if e.Path != f.Path {
					continue
				}
				r := rdRangeOf(e.Line, e.Column, e.EndLine, e.EndColumn)
				if r.End == nil {
					end := r.Start
					r.End = &end
				}
				d.Suggestions = append(d.Suggestions, rdSuggestion{Range: r, Text: e.NewText})
			}
		}
		if err := enc.Encode(d); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func rdRangeOf(line, col, endLine, endCol int) rdRange {
	r := rdRange{Start: rdPosition{Line: max(line, 1), Column: max(col, 1)}}
	if endLine >= r.Start.Line && endLine > 0 {
		r.End = &rdPosition{Line: endLine, Column: max(endCol, 1)}
	}
	return r
}
