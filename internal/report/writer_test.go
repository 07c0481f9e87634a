package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/rules"
)

// sample is a file and findings on it whose fix ranges can be checked
// against the file text.
const sampleSrc = "package p\n\nfunc f() {\n\tc, err := azopenai.NewClientWithKeyCredential(ep, azcore.NewKeyCredential(k), nil)\n}\n"

func offsetOf(t *testing.T, s, sub string) int {
	t.Helper()
	i := strings.Index(s, sub)
	if i < 0 {
		t.Fatalf("%q not in sample", sub)
	}
	return i
}

// lineCol converts a byte offset of s to a 1-based line and byte column.
func lineCol(s string, off int) (int, int) {
	line := 1 + strings.Count(s[:off], "\n")
	col := off - strings.LastIndex(s[:off], "\n")
	return line, col
}

func editOf(t *testing.T, path, src, old, new string) Edit {
	off := offsetOf(t, src, old)
	l, c := lineCol(src, off)
	el, ec := lineCol(src, off+len(old))
	return Edit{Path: path, Offset: off, EndOffset: off + len(old), Line: l, Column: c, EndLine: el, EndColumn: ec, NewText: new}
}

func sampleFindings(t *testing.T) []Finding {
	t.Helper()
	call := "azopenai.NewClientWithKeyCredential(ep, azcore.NewKeyCredential(k), nil)"
	off := offsetOf(t, sampleSrc, call)
	l, c := lineCol(sampleSrc, off)
	el, ec := lineCol(sampleSrc, off+len(call))
	return []Finding{
		{
			RuleID: "keyauth/azopenai-key-credential", Severity: "error",
			Message: "Azure OpenAI client built with an API key", Path: "svc/client.go",
			Line: l, Column: c, EndLine: el, EndColumn: ec,
			Fingerprint: Fingerprint("keyauth/azopenai-key-credential", "svc/client.go", NormalizeLine("c, err := ...")),
			Fix: &Fix{Message: "use azidentity.NewDefaultAzureCredential", Edits: []Edit{
				editOf(t, "svc/client.go", sampleSrc, "NewClientWithKeyCredential", "NewClient"),
				editOf(t, "svc/client.go", sampleSrc, "azcore.NewKeyCredential(k)", "cred"),
				{Path: "svc/other.go", Offset: 10, EndOffset: 10, Line: 2, Column: 1, EndLine: 2, EndColumn: 1, NewText: "import x\n"},
			}},
		},
		{
			RuleID: "ignore/missing-reason", Severity: "warning", Message: "no reason",
			Path: "a b/x.go", Line: 7, Column: 2, EndLine: 7, EndColumn: 40, Fingerprint: "fp2",
		},
		{
			RuleID: "keyauth/azopenai-key-credential", Severity: "error", Message: "suppressed one",
			Path: "svc/emu.go", Line: 3, Column: 5, Fingerprint: "fp3",
			Suppression: &Suppression{Kind: "inSource", Justification: "local emulator"},
		},
		{
			// No position at all (history findings of a whole file can be
			// like this): writers must still produce valid ranges.
			RuleID: "history/not-in-catalog", Severity: "note", Message: "secret AKI…(40) in history",
			Path: "deploy/env", Fingerprint: "fp4", Commit: "0123456789abcdef0123", Author: "Dev", Date: "2024-01-02T03:04:05Z",
			Secret: "AKI…(40)",
		},
	}
}

func TestCheckFormat(t *testing.T) {
	for _, f := range Formats {
		if err := CheckFormat(f); err != nil {
			t.Errorf("CheckFormat(%q) = %v", f, err)
		}
	}
	if err := CheckFormat("xml"); err == nil || !strings.Contains(err.Error(), `unknown format "xml"`) {
		t.Errorf("CheckFormat(xml) = %v", err)
	}
	if err := Write(new(bytes.Buffer), "xml", nil, Meta{}); err == nil {
		t.Error("Write accepted an unknown format")
	}
}

func TestText(t *testing.T) {
	var out, errOut bytes.Buffer
	fs := sampleFindings(t)
	if err := WriteText(&out, fs, Meta{Stderr: &errOut}); err != nil {
		t.Fatal(err)
	}
	want := "svc/client.go:4:12: keyauth/azopenai-key-credential: Azure OpenAI client built with an API key\n" +
		"a b/x.go:7:2: ignore/missing-reason: no reason\n" +
		"deploy/env:1:1: history/not-in-catalog: secret AKI…(40) in history (commit 0123456789ab)\n"
	if out.String() != want {
		t.Errorf("text output:\n%s\nwant:\n%s", out.String(), want)
	}
	if got, want := errOut.String(), "keyless: 3 findings (1 error, 1 warning, 1 note), 1 suppressed\n"; got != want {
		t.Errorf("count line %q, want %q", got, want)
	}
	errOut.Reset()
	if err := WriteText(&out, nil, Meta{Stderr: &errOut}); err != nil {
		t.Fatal(err)
	}
	if got := errOut.String(); got != "keyless: no findings\n" {
		t.Errorf("empty count line %q", got)
	}
}

func TestJSON(t *testing.T) {
	var out bytes.Buffer
	fs := sampleFindings(t)
	if err := WriteJSON(&out, fs, Meta{}); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, out.String())
	}
	if len(got) != len(fs) {
		t.Fatalf("%d entries, want %d (suppressed ones included)", len(got), len(fs))
	}
	for _, k := range []string{"ruleId", "severity", "message", "path", "line", "column", "endLine", "endColumn", "fingerprint", "fix"} {
		if _, ok := got[0][k]; !ok {
			t.Errorf("entry 0 lacks %q: %v", k, got[0])
		}
	}
	fix := got[0]["fix"].(map[string]any)
	e0 := fix["edits"].([]any)[0].(map[string]any)
	if e0["newText"] != "NewClient" || int(e0["endOffset"].(float64))-int(e0["offset"].(float64)) != len("NewClientWithKeyCredential") {
		t.Errorf("edit 0 = %v", e0)
	}
	sup, ok := got[2]["suppression"].(map[string]any)
	if !ok || sup["kind"] != "inSource" || sup["justification"] != "local emulator" {
		t.Errorf("suppression = %v", got[2]["suppression"])
	}
	if got[3]["commit"] != "0123456789abcdef0123" || got[3]["secret"] != "AKI…(40)" || got[3]["line"].(float64) != 1 {
		t.Errorf("history entry = %v", got[3])
	}
	if _, ok := got[1]["suppression"]; ok {
		t.Errorf("unsuppressed entry has a suppression: %v", got[1])
	}

	out.Reset()
	if err := WriteJSON(&out, nil, Meta{}); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(out.String()) != "[]" {
		t.Errorf("empty JSON = %q, want []", out.String())
	}
}

func TestGitHub(t *testing.T) {
	var out bytes.Buffer
	fs := sampleFindings(t)
	fs[1].Message = "50% done, a:b\nnext"
	if err := WriteGitHub(&out, fs, Meta{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	want := []string{
		"::error file=svc/client.go,line=4,col=12,endLine=4,endColumn=84,title=keyauth/azopenai-key-credential::Azure OpenAI client built with an API key",
		"::warning file=a b/x.go,line=7,col=2,endLine=7,endColumn=40,title=ignore/missing-reason::50%25 done, a:b%0Anext",
		"::notice file=deploy/env,line=1,col=1,title=history/not-in-catalog::secret AKI…(40) in history (commit 0123456789ab)",
		"::notice title=keyless::keyless: 3 findings (1 error, 1 warning, 1 note), 1 suppressed",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("github output:\n%s\nwant:\n%s", out.String(), strings.Join(want, "\n"))
	}
}

func TestGitHubCaps(t *testing.T) {
	var fs []Finding
	for i := range 25 {
		fs = append(fs, Finding{RuleID: "keyauth/x", Severity: "error", Message: "e", Path: "a.go", Line: i + 1, Column: 1})
	}
	for i := range 12 {
		fs = append(fs, Finding{RuleID: "ignore/y", Severity: "warning", Message: "w", Path: "b.go", Line: i + 1, Column: 1})
	}
	for i := range 11 {
		fs = append(fs, Finding{RuleID: "z/n", Severity: "note", Message: "n", Path: "c.go", Line: i + 1, Column: 1})
	}
	fs = append(fs, Finding{RuleID: "keyauth/x", Severity: "error", Message: "s", Path: "d.go", Line: 1, Column: 1,
		Suppression: &Suppression{Kind: "inSource", Justification: "ok"}})
	var out bytes.Buffer
	if err := WriteGitHub(&out, fs, Meta{}); err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	for _, l := range lines {
		count[strings.SplitN(l, " ", 2)[0]]++
	}
	// 10 errors, 10 warnings, 9 file notices + 1 summary notice.
	if count["::error"] != 10 || count["::warning"] != 10 || count["::notice"] != 10 {
		t.Errorf("annotation counts %v, want 10 of each kind", count)
	}
	last := lines[len(lines)-1]
	wantSummary := "::notice title=keyless::keyless: 48 findings (25 errors, 12 warnings, 11 notes), 1 suppressed; 19 not annotated"
	if !strings.HasPrefix(last, wantSummary) {
		t.Errorf("summary %q, want prefix %q", last, wantSummary)
	}
	if strings.Contains(out.String(), "d.go") {
		t.Error("suppressed finding annotated")
	}
}

func TestRDJSONL(t *testing.T) {
	var out bytes.Buffer
	fs := sampleFindings(t)
	if err := WriteRDJSONL(&out, fs, Meta{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3 (suppressed left out):\n%s", len(lines), out.String())
	}
	type pos struct{ Line, Column int }
	type rng struct {
		Start pos
		End   *pos
	}
	var d struct {
		Message  string
		Location struct {
			Path  string
			Range rng
		}
		Severity    string
		Source      struct{ Name string }
		Code        struct{ Value string }
		Suggestions []struct {
			Range rng
			Text  string
		}
	}
	if err := json.Unmarshal([]byte(lines[0]), &d); err != nil {
		t.Fatal(err)
	}
	if d.Severity != "ERROR" || d.Source.Name != "keyless" || d.Code.Value != "keyauth/azopenai-key-credential" || d.Location.Path != "svc/client.go" {
		t.Errorf("diagnostic = %+v", d)
	}
	// text returns the sample text a 1-based, end-exclusive range covers.
	text := func(r rng) string {
		lines := strings.SplitAfter(sampleSrc, "\n")
		off := func(p pos) int {
			o := 0
			for _, l := range lines[:p.Line-1] {
				o += len(l)
			}
			return o + p.Column - 1
		}
		return sampleSrc[off(r.Start):off(*r.End)]
	}
	if got := text(d.Location.Range); got != "azopenai.NewClientWithKeyCredential(ep, azcore.NewKeyCredential(k), nil)" {
		t.Errorf("location covers %q", got)
	}
	// Only edits of the finding's own file become suggestions.
	if len(d.Suggestions) != 2 {
		t.Fatalf("%d suggestions, want 2", len(d.Suggestions))
	}
	for i, want := range []struct{ old, new string }{{"NewClientWithKeyCredential", "NewClient"}, {"azcore.NewKeyCredential(k)", "cred"}} {
		s := d.Suggestions[i]
		if got := text(s.Range); got != want.old || s.Text != want.new {
			t.Errorf("suggestion %d replaces %q with %q, want %q with %q", i, got, s.Text, want.old, want.new)
		}
	}
	var h struct {
		Severity string
		Location struct{ Range rng }
	}
	if err := json.Unmarshal([]byte(lines[2]), &h); err != nil {
		t.Fatal(err)
	}
	if h.Severity != "INFO" || h.Location.Range.Start != (pos{1, 1}) {
		t.Errorf("history diagnostic = %+v", h)
	}
}

func TestHelpIsOneSource(t *testing.T) {
	cat := rules.Default()
	d, ok := cat.Lookup("keyauth/azopenai-key-credential")
	if !ok {
		t.Fatal("rule missing from default catalog")
	}
	text, md := HelpText(d), HelpMarkdown(d)
	for _, want := range []string{d.Title, "Severity: error", "CWE-798", "https://cwe.mitre.org/data/definitions/798.html", "Before:", "NewClientWithKeyCredential", "After:", "azidentity.NewDefaultAzureCredential", "//keyless:ignore keyauth/azopenai-key-credential -- <reason>"} {
		if !strings.Contains(text, want) {
			t.Errorf("help text lacks %q:\n%s", want, text)
		}
		if !strings.Contains(md, want) {
			t.Errorf("help markdown lacks %q:\n%s", want, md)
		}
	}
	if !strings.Contains(md, "```go\n") {
		t.Errorf("markdown has no Go code block:\n%s", md)
	}
}

// A secret rule's remedy (rules.yaml) is part of its SARIF help and of
// `keyless explain`.
func TestHelpCarriesRemedy(t *testing.T) {
	d, ok := rules.Default().Lookup("history/azure-openai-key")
	if !ok || d.Remedy == "" {
		t.Fatalf("history/azure-openai-key: no remedy in the catalog (%v)", ok)
	}
	if text, md := HelpText(d), HelpMarkdown(d); !strings.Contains(text, d.Remedy) || !strings.Contains(md, d.Remedy) {
		t.Errorf("help does not carry the remedy:\n%s\n---\n%s", text, md)
	}
}
