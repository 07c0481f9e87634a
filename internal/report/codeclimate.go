package report

import (
	"encoding/json"
	"fmt"
	"io"
)

// Code Climate output, the report format GitLab's code quality widget reads
// (artifacts:reports:codequality): an array of issues,
//
//	description, check_name (the rule id), fingerprint,
//	severity ("info"|"minor"|"major"|"critical"|"blocker"),
//	location: {path, lines: {begin, end}}
//
// GitLab keys an issue on its fingerprint, so two findings with the same
// keyless fingerprint (the same rule on two identical lines of a file) get
// "-2", "-3", … appended in report order. Suppressed findings are left out:
// GitLab has no notion of an accepted finding.
type codeClimateIssue struct {
	Description string              `json:"description"`
	CheckName   string              `json:"check_name"`
	Fingerprint string              `json:"fingerprint"`
	Severity    string              `json:"severity"`
	Location    codeClimateLocation `json:"location"`
}

type codeClimateLocation struct {
	Path  string           `json:"path"`
	Lines codeClimateLines `json:"lines"`
}

type codeClimateLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

// WriteCodeClimate writes findings as a Code Climate JSON array ("[]" when
// empty).
func WriteCodeClimate(w io.Writer, findings []Finding, meta Meta) error {
	out := make([]codeClimateIssue, 0, len(findings))
	seen := map[string]int{}
	for _, f := range findings {
		if f.Suppression != nil {
			continue
		}
		fp := f.Fingerprint
		if seen[fp]++; seen[fp] > 1 {
			fp = fmt.Sprintf("%s-%d", fp, seen[fp])
		}
		msg := f.Message
		if f.Commit != "" {
			msg += " (commit " + shortCommit(f.Commit) + ")"
		}
		begin := max(f.Line, 1)
		out = append(out, codeClimateIssue{
			Description: msg,
			CheckName:   f.RuleID,
			Fingerprint: fp,
			Severity:    codeClimateSeverity(f.Severity),
			Location:    codeClimateLocation{Path: f.Path, Lines: codeClimateLines{Begin: begin, End: max(f.EndLine, begin)}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// codeClimateSeverity maps keyless's levels onto Code Climate's five.
func codeClimateSeverity(severity string) string {
	switch levelOf(severity) {
	case "error":
		return "critical"
	case "warning":
		return "major"
	}
	return "info"
}
