package report

// FuzzWriters (run by scripts/fuzz.sh; seeds in testdata/fuzz/FuzzWriters)
// feeds random findings to every writer: none may panic or fail, and each
// output must still be its format — JSON and SARIF a valid document with
// one entry per finding, rdjsonl one JSON object per unsuppressed finding,
// github well-formed workflow commands whose escaped data decodes back to
// the message, text exactly one line per unsuppressed finding (a path or
// message holding a newline must not forge extra lines in a CI log).

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/rules"
)

func FuzzWriters(f *testing.F) {
	cat := rules.Default() // parsed once: SARIF reads rule docs from it
	f.Add("keyauth/azopenai-key-credential", "error", "Azure OpenAI client built with an API key", "svc/client.go", 4, 12, 4, 80, "svc/client.go", "NewClient", "", false, uint8(1))
	f.Add("history/azure-openai-key", "warning", "Azure OpenAI key AbCd…(84) added: rotate it", "config/app.env", 3, 22, 3, 106, "", "", "0123456789abcdef0123456789abcdef01234567", false, uint8(3))
	f.Add("ignore/missing-reason", "note", "no reason", "a b/ü.go", 0, 0, 0, 0, "other.go", "import x\n", "", true, uint8(2))
	f.Add("x", "bogus", "line1\nline2\r%0A::error::forged", "dir/a:b,c%.go\n::warning file=x::y", -5, -1, -7, -3, "dir\\win.go", "", "c", false, uint8(25))
	f.Add("hardcodedsecret/github-pat", "error", "\xff\xfe invalid utf-8", "\x00nul/\x7f.go", 1<<30, 1, 1<<30, 2, "", "", "", false, uint8(12))
	f.Fuzz(func(t *testing.T, ruleID, severity, message, path string, line, col, endLine, endCol int,
		editPath, newText, commit string, suppressed bool, n uint8) {
		count := 1 + int(n)%30
		var findings []Finding
		for i := 0; i < count; i++ {
			fd := Finding{
				RuleID: ruleID, Severity: severity, Message: message, Path: path,
				Line: line + i, Column: col, EndLine: endLine, EndColumn: endCol,
				Fingerprint: Fingerprint(ruleID, path, fmt.Sprint(i)),
				Commit:      commit, Secret: "AbCd…(84)",
			}
			if commit != "" {
				fd.Author, fd.Date = "A <a@example.com>", "2024-01-02T03:04:05Z"
			}
			if editPath != "" {
				fd.Fix = &Fix{Message: "fix " + message, Edits: []Edit{
					{Path: path, Offset: 1, EndOffset: 4, Line: line, Column: col, EndLine: endLine, EndColumn: endCol, NewText: newText},
					{Path: editPath, Line: 1, Column: 1, EndLine: 1, EndColumn: 1, NewText: newText},
				}}
			}
			if suppressed && i%2 == 1 {
				fd.Suppression = &Suppression{Kind: []string{"inSource", "external", "bogus"}[i%3], Justification: message}
			}
			// Vary severity so every GitHub cap is exercised.
			if i%3 == 1 {
				fd.Severity = []string{"error", "warning", "note"}[i%3]
			}
			findings = append(findings, fd)
		}
		active := Count(findings).Active()
		for _, format := range Formats {
			var out, errOut bytes.Buffer
			if err := Write(&out, format, findings, Meta{Mode: ModeHistory, Version: "v1.2.3", Catalog: cat, Stderr: &errOut}); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			switch format {
			case "json":
				checkFuzzJSON(t, out.Bytes(), findings)
			case "sarif":
				checkFuzzSARIF(t, out.Bytes(), findings)
			case "rdjsonl":
				checkFuzzRDJSONL(t, out.Bytes(), active)
			case "github":
				checkFuzzGitHub(t, out.String(), findings)
			case "text":
				if got := strings.Count(out.String(), "\n"); got != active {
					t.Fatalf("text: %d lines for %d unsuppressed findings:\n%q", got, active, out.String())
				}
				for _, l := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
					if strings.HasPrefix(l, "::") {
						t.Fatalf("text: line %q would be read as a GitHub workflow command", l)
					}
				}
				if s := errOut.String(); strings.Count(s, "\n") != 1 || !strings.HasPrefix(s, "keyless: ") {
					t.Fatalf("text: count line %q", s)
				}
			}
		}
	})
}

// valid is s as encoding/json writes it: each invalid UTF-8 byte becomes
// U+FFFD.
func valid(s string) string { return string([]rune(s)) }

func checkFuzzJSON(t *testing.T, data []byte, findings []Finding) {
	t.Helper()
	var got []map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("json: invalid: %v\n%s", err, data)
	}
	if len(got) != len(findings) {
		t.Fatalf("json: %d entries for %d findings", len(got), len(findings))
	}
	for i, g := range got {
		f := findings[i]
		if g["ruleId"] != valid(f.RuleID) || g["path"] != valid(f.Path) || g["message"] != valid(f.Message) {
			t.Fatalf("json: entry %d does not carry the finding's rule, path and message: %v", i, g)
		}
		if l, _ := g["line"].(float64); l < 1 || l != float64(max(f.Line, 1)) {
			t.Fatalf("json: entry %d line %v, finding line %d", i, g["line"], f.Line)
		}
		if c, _ := g["column"].(float64); c < 1 {
			t.Fatalf("json: entry %d column %v", i, g["column"])
		}
		if (g["suppression"] != nil) != (f.Suppression != nil) {
			t.Fatalf("json: entry %d suppression %v", i, g["suppression"])
		}
	}
}

func checkFuzzSARIF(t *testing.T, data []byte, findings []Finding) {
	t.Helper()
	type region struct{ StartLine, StartColumn, EndLine, EndColumn int }
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct{ Rules []struct{ ID string } }
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           region
					}
				}
				Fixes []struct {
					ArtifactChanges []struct {
						ArtifactLocation struct{ URI string }
						Replacements     []struct{ DeletedRegion region }
					}
				}
				Suppressions []struct{ Kind string }
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("sarif: invalid JSON: %v", err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("sarif: version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if len(run.Results) != len(findings) {
		t.Fatalf("sarif: %d results for %d findings", len(run.Results), len(findings))
	}
	checkRegion := func(what string, r region) {
		if r.StartLine < 1 || r.StartColumn < 1 || r.EndLine < r.StartLine || r.EndColumn < 1 ||
			r.EndLine == r.StartLine && r.EndColumn < r.StartColumn {
			t.Fatalf("sarif: %s region %+v", what, r)
		}
	}
	checkURI := func(uri, path string) {
		u, err := url.Parse(uri)
		if err != nil || u.Scheme != "" || u.Host != "" {
			t.Fatalf("sarif: uri %q for path %q is not a relative reference: %v", uri, path, err)
		}
		want := strings.TrimPrefix(strings.ReplaceAll(path, `\`, "/"), "./")
		if got, err := url.PathUnescape(uri); err != nil || got != want {
			t.Fatalf("sarif: uri %q decodes to %q, want %q (%v)", uri, got, want, err)
		}
	}
	for i, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Fatalf("sarif: result %d ruleIndex %d does not point at rule %q", i, res.RuleIndex, res.RuleID)
		}
		switch res.Level {
		case "error", "warning", "note":
		default:
			t.Fatalf("sarif: result %d level %q", i, res.Level)
		}
		if len(res.Locations) != 1 {
			t.Fatalf("sarif: result %d has %d locations", i, len(res.Locations))
		}
		pl := res.Locations[0].PhysicalLocation
		checkRegion("result", pl.Region)
		checkURI(pl.ArtifactLocation.URI, findings[i].Path)
		for _, fx := range res.Fixes {
			for _, ch := range fx.ArtifactChanges {
				for _, rep := range ch.Replacements {
					checkRegion("fix", rep.DeletedRegion)
				}
			}
		}
		for _, s := range res.Suppressions {
			if s.Kind != "inSource" && s.Kind != "external" {
				t.Fatalf("sarif: suppression kind %q", s.Kind)
			}
		}
		if (len(res.Suppressions) > 0) != (findings[i].Suppression != nil) {
			t.Fatalf("sarif: result %d suppressions %v", i, res.Suppressions)
		}
	}
}

func checkFuzzRDJSONL(t *testing.T, data []byte, active int) {
	t.Helper()
	type pos struct{ Line, Column int }
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<26)
	n := 0
	for sc.Scan() {
		n++
		var d struct {
			Message  string
			Severity string
			Location struct {
				Path  string
				Range struct {
					Start pos
					End   *pos
				}
			}
			Code struct{ Value string }
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("rdjsonl: line %d: %v", n, err)
		}
		if s := d.Location.Range.Start; s.Line < 1 || s.Column < 1 {
			t.Fatalf("rdjsonl: line %d start %+v", n, s)
		}
		switch d.Severity {
		case "ERROR", "WARNING", "INFO":
		default:
			t.Fatalf("rdjsonl: line %d severity %q", n, d.Severity)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n != active {
		t.Fatalf("rdjsonl: %d lines for %d unsuppressed findings", n, active)
	}
}

var ghLineRE = regexp.MustCompile(`^::(error|warning|notice) (?:file=[^,:\r\n]*,line=[1-9]\d*,col=[1-9]\d*(?:,endLine=[1-9]\d*(?:,endColumn=[1-9]\d*)?)?,)?title=[^,:\r\n]*::([^\r\n]*)$`)

// ghUnescape reverses ghData.
func ghUnescape(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%").Replace(s)
}

func checkFuzzGitHub(t *testing.T, out string, findings []Finding) {
	t.Helper()
	if !strings.HasSuffix(out, "\n") {
		t.Fatalf("github: output does not end with a newline: %q", out)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	var msgs []string
	for _, f := range findings {
		if f.Suppression != nil {
			continue
		}
		m := f.Message
		if f.Commit != "" {
			m += " (commit " + shortCommit(f.Commit) + ")"
		}
		msgs = append(msgs, m)
	}
	for i, l := range lines {
		m := ghLineRE.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("github: malformed line %d: %q", i, l)
		}
		if i == len(lines)-1 {
			if !strings.HasPrefix(l, "::notice title=keyless::keyless: ") {
				t.Fatalf("github: last line is not the summary: %q", l)
			}
			continue
		}
		if i >= len(msgs) {
			t.Fatalf("github: %d annotations for %d unsuppressed findings", len(lines)-1, len(msgs))
		}
		// Annotations keep the order of the findings they show; the
		// message decodes back exactly.
		found := false
		for _, want := range msgs {
			if ghUnescape(m[2]) == want {
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("github: annotation %q decodes to no finding's message", l)
		}
	}
	if len(lines)-1 > 3*GitHubAnnotationCap {
		t.Fatalf("github: %d annotations, over the caps", len(lines)-1)
	}
}

// FuzzPrintable: Printable leaves no control character behind and changes
// nothing in a string that has none.
func FuzzPrintable(f *testing.F) {
	for _, s := range []string{"", "a.go", "a\nb", "\x1b[31mred\x1b[0m", "\u009b31m", "\xff\xfe", "tab\there\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := Printable(s)
		if strings.ContainsFunc(p, isControl) {
			t.Fatalf("Printable(%q) = %q keeps a control character", s, p)
		}
		if !strings.ContainsFunc(s, isControl) && p != s {
			t.Fatalf("Printable(%q) = %q changed a printable string", s, p)
		}
	})
}
