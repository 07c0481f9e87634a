package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// GitHubAnnotationCap is how many annotations of one kind (error, warning,
// notice) GitHub Actions shows per step; more are silently dropped.
const GitHubAnnotationCap = 10

// WriteGitHub writes GitHub Actions workflow commands,
//
//	::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=rule-id::message
//
// one per unsuppressed finding (error → error, warning → warning,
// note → notice), at most GitHubAnnotationCap per kind, so none is lost
// silently: a final ::notice line gives the totals and how many findings
// were not annotated. One notice slot is kept for that summary.
func WriteGitHub(w io.Writer, findings []Finding, meta Meta) error {
	bw := bufio.NewWriter(w)
	caps := map[string]int{"error": GitHubAnnotationCap, "warning": GitHubAnnotationCap, "notice": GitHubAnnotationCap - 1}
	shown := map[string]int{}
	notShown := 0
	for _, f := range findings {
		if f.Suppression != nil {
			continue
		}
		kind := githubKind(f.Severity)
		if shown[kind] >= caps[kind] {
			notShown++
			continue
		}
		shown[kind]++
		props := []string{"file=" + ghProperty(f.Path), fmt.Sprintf("line=%d", max(f.Line, 1)), fmt.Sprintf("col=%d", max(f.Column, 1))}
		if f.EndLine >= max(f.Line, 1) {
			props = append(props, fmt.Sprintf("endLine=%d", f.EndLine))
			if f.EndColumn >= 1 {
				props = append(props, fmt.Sprintf("endColumn=%d", f.EndColumn))
			}
		}
		props = append(props, "title="+ghProperty(f.RuleID))
		msg := f.Message
		if f.Commit != "" {
			msg += " (commit " + shortCommit(f.Commit) + ")"
		}
		fmt.Fprintf(bw, "::%s %s::%s\n", kind, strings.Join(props, ","), ghData(msg))
	}
	c := Count(findings)
	summary := Summary(c)
	if notShown > 0 {
		summary += fmt.Sprintf("; %d not annotated (GitHub shows at most %d annotations of each kind per step): run keyless locally or upload -format sarif to see all", notShown, GitHubAnnotationCap)
	}
	fmt.Fprintf(bw, "::notice title=keyless::%s\n", ghData(summary))
	return bw.Flush()
}

func githubKind(severity string) string {
	switch levelOf(severity) {
	case "error":
		return "error"
	case "note":
		return "notice"
	}
	return "warning"
}

// ghData escapes a workflow command's message (actions/toolkit
// escapeData).
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command property value (actions/toolkit
// escapeProperty).
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
