package report

import (
	"encoding/json"
	"io"
)

// JSON output: an array of objects, one per finding, suppressed ones
// included and marked. Field names are stable (a contract for scripts):
//
//	ruleId, severity ("error"|"warning"|"note"), message,
//	path (module/repo-relative, '/'-separated), line, column, endLine,
//	endColumn (1-based; columns count bytes; end fields omitted when unknown),
//	fingerprint,
//	fix?         {message, edits: [{path, offset, endOffset, line, column,
//	              endLine, endColumn, newText}]}   (offsets: bytes, end exclusive)
//	suppression? {kind: "inSource"|"external", justification}
//	commit?, author?, date?, secret? (history only; secret is redacted)
type jsonFinding struct {
	RuleID      string           `json:"ruleId"`
	Severity    string           `json:"severity"`
	Message     string           `json:"message"`
	Path        string           `json:"path"`
	Line        int              `json:"line"`
	Column      int              `json:"column"`
	EndLine     int              `json:"endLine,omitempty"`
	EndColumn   int              `json:"endColumn,omitempty"`
	Fingerprint string           `json:"fingerprint"`
	Fix         *jsonFix         `json:"fix,omitempty"`
	Suppression *jsonSuppression `json:"suppression,omitempty"`
	Commit      string           `json:"commit,omitempty"`
	Author      string           `json:"author,omitempty"`
	Date        string           `json:"date,omitempty"`
	Secret      string           `json:"secret,omitempty"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Path      string `json:"path"`
	Offset    int    `json:"offset"`
	EndOffset int    `json:"endOffset"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	NewText   string `json:"newText"`
}

type jsonSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
}

// WriteJSON writes findings as an indented JSON array ("[]" when empty).
func WriteJSON(w io.Writer, findings []Finding, meta Meta) error {
	out := make([]jsonFinding, 0, len(findings))
	for _, f := range findings {
		j := jsonFinding{
			RuleID: f.RuleID, Severity: levelOf(f.Severity), Message: f.Message,
			Path: f.Path, Line: max(f.Line, 1), Column: max(f.Column, 1),
			EndLine: f.EndLine, EndColumn: f.EndColumn,
			Fingerprint: f.Fingerprint,
			Commit:      f.Commit, Author: f.Author, Date: f.Date, Secret: f.Secret,
		}
		if f.Fix != nil {
			fx := &jsonFix{Message: f.Fix.Message, Edits: []jsonEdit{}}
			for _, e := range f.Fix.Edits {
				fx.Edits = append(fx.Edits, jsonEdit{
					Path: e.Path, Offset: e.Offset, EndOffset: e.EndOffset,
					Line: e.Line, Column: e.Column, EndLine: e.EndLine, EndColumn: e.EndColumn,
					NewText: e.NewText,
				})
			}
			j.Fix = fx
		}
		if s := f.Suppression; s != nil {
			j.Suppression = &jsonSuppression{Kind: s.Kind, Justification: s.Justification}
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
