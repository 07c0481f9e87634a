package report

import (
	"fmt"
	"strings"

	"github.com/keyless-dev/keyless/internal/rules"
)

// HelpText renders a rule's documentation as plain text. `keyless explain`
// prints it and SARIF carries it as help.text, so both always agree.
func HelpText(d rules.RuleDoc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n", d.ID, d.Title)
	fmt.Fprintf(&b, "Severity: %s\n", levelOf(d.Severity))
	if d.CWE != "" {
		fmt.Fprintf(&b, "CWE:      %s (%s)\n", d.CWE, cweURL(d.CWE))
	}
	if d.Why != "" {
		fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(d.Why))
	}
	if d.Remedy != "" {
		fmt.Fprintf(&b, "\nRemedy: %s\n", strings.TrimSpace(d.Remedy))
	}
	if d.Before != "" {
		fmt.Fprintf(&b, "\nBefore:\n\n%s", indent(d.Before))
	}
	if d.After != "" {
		fmt.Fprintf(&b, "\nAfter:\n\n%s", indent(d.After))
	}
	if isHistoryRule(d.ID) {
		b.WriteString("\n" + acceptHistory + "\n")
	} else {
		fmt.Fprintf(&b, "\nTo accept a finding, say why on its line or the line above:\n\n\t//keyless:ignore %s -- <reason>\n", d.ID)
	}
	return b.String()
}

// HelpMarkdown renders the same documentation as Markdown (SARIF
// help.markdown, shown by GitHub code scanning).
func HelpMarkdown(d rules.RuleDoc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** (`%s`)\n\n", d.Title, d.ID)
	fmt.Fprintf(&b, "Severity: %s", levelOf(d.Severity))
	if d.CWE != "" {
		fmt.Fprintf(&b, " · [%s](%s)", d.CWE, cweURL(d.CWE))
	}
	b.WriteString("\n")
	if d.Why != "" {
		fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(d.Why))
	}
	if d.Remedy != "" {
		fmt.Fprintf(&b, "\n**Remedy:** %s\n", strings.TrimSpace(d.Remedy))
	}
	if d.Before != "" {
		fmt.Fprintf(&b, "\nBefore:\n\n```go\n%s```\n", withNewline(d.Before))
	}
	if d.After != "" {
		fmt.Fprintf(&b, "\nAfter:\n\n```go\n%s```\n", withNewline(d.After))
	}
	if isHistoryRule(d.ID) {
		b.WriteString("\n" + acceptHistory + "\n")
	} else {
		fmt.Fprintf(&b, "\nTo accept a finding, say why on its line or the line above: `//keyless:ignore %s -- <reason>`\n", d.ID)
	}
	return b.String()
}

// A secret in history cannot be annotated in place: it is accepted by
// fingerprint, after it has been rotated.
const acceptHistory = "To accept a finding after rotating the key, record it with `keyless baseline` (then scan with -baseline FILE) or add its fingerprint to .gitleaksignore."

func isHistoryRule(id string) bool { return strings.HasPrefix(id, "history/") }

// cweURL links a "CWE-798" id to MITRE's page.
func cweURL(cwe string) string {
	n := strings.TrimPrefix(strings.ToUpper(cwe), "CWE-")
	return "https://cwe.mitre.org/data/definitions/" + n + ".html"
}

func indent(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if line == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString("\t" + line + "\n")
	}
	return b.String()
}

func withNewline(s string) string {
	if !strings.HasSuffix(s, "\n") {
		return s + "\n"
	}
	return s
}
