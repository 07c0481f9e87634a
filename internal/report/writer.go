package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/keyless-dev/keyless/internal/rules"
)

// Formats lists every output format, in the order the CLI documents them.
var Formats = []string{"text", "json", "sarif", "github", "rdjsonl", "codeclimate"}

// Modes of a run; they name the SARIF category (automationDetails.id).
const (
	ModeLint    = "lint"
	ModeHistory = "history"
	ModeInfra   = "infra"
)

// Meta is what writers need to know about the run besides its findings.
type Meta struct {
	// Mode is ModeLint, ModeHistory or ModeInfra.
	Mode string
	// Version is the keyless version ("v1.2.3" or "devel").
	Version string
	// Catalog supplies rule documentation (SARIF rules, help text); nil
	// means the embedded default.
	Catalog *rules.Catalog
	// Stderr receives the text format's final count line; nil drops it.
	Stderr io.Writer
}

func (m Meta) catalog() *rules.Catalog {
	if m.Catalog != nil {
		return m.Catalog
	}
	return rules.Default()
}

// CheckFormat reports whether format names a writer.
func CheckFormat(format string) error {
	for _, f := range Formats {
		if f == format {
			return nil
		}
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// Write writes findings to w in format. Findings are written in the order
// given; callers sort them with Sort.
func Write(w io.Writer, format string, findings []Finding, meta Meta) error {
	switch format {
	case "text":
		return WriteText(w, findings, meta)
	case "json":
		return WriteJSON(w, findings, meta)
	case "sarif":
		return WriteSARIF(w, findings, meta)
	case "github":
		return WriteGitHub(w, findings, meta)
	case "rdjsonl":
		return WriteRDJSONL(w, findings, meta)
	case "codeclimate":
		return WriteCodeClimate(w, findings, meta)
	}
	return CheckFormat(format)
}

// Sort orders findings by path, position, rule id, message and commit, so
// every format is deterministic.
func Sort(findings []Finding) {
	sort.SliceStable(findings, func(i, j int) bool {
		a, b := &findings[i], &findings[j]
		switch {
		case a.Path != b.Path:
			return a.Path < b.Path
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Column != b.Column:
			return a.Column < b.Column
		case a.RuleID != b.RuleID:
			return a.RuleID < b.RuleID
		case a.Message != b.Message:
			return a.Message < b.Message
		}
		return a.Commit < b.Commit
	})
}

// Counts summarises findings: how many count toward the exit code and how
// many are suppressed.
type Counts struct {
	Total, Suppressed    int
	Error, Warning, Note int // unsuppressed, by severity
}

// Count tallies findings.
func Count(findings []Finding) Counts {
	var c Counts
	for _, f := range findings {
		c.Total++
		if f.Suppression != nil {
			c.Suppressed++
			continue
		}
		switch f.Severity {
		case rules.SeverityError:
			c.Error++
		case rules.SeverityNote:
			c.Note++
		default:
			c.Warning++
		}
	}
	return c
}

// Active is the number of findings that count toward the exit code.
func (c Counts) Active() int { return c.Total - c.Suppressed }

// ExitCode is ExitFindings when any finding is unsuppressed, else ExitClean.
func ExitCode(findings []Finding) int {
	if Count(findings).Active() > 0 {
		return ExitFindings
	}
	return ExitClean
}

// Plural is "1 finding", "2 findings": n and word, with an s unless n is 1.
func Plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// levelOf maps a severity to a known level, defaulting to warning.
func levelOf(severity string) string {
	switch severity {
	case rules.SeverityError, rules.SeverityWarning, rules.SeverityNote:
		return severity
	}
	return rules.SeverityWarning
}
