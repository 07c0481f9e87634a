package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// sarifDoc is the subset of SARIF 2.1.0 the checks below read back.
type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name, Version, SemanticVersion, InformationURI string
				Rules                                          []struct {
					ID, Name         string
					ShortDescription struct{ Text string }
					FullDescription  struct{ Text string }
					Help             struct{ Text, Markdown string }
					Properties       map[string]any
				}
			}
		}
		AutomationDetails struct{ ID string }
		Results           []struct {
			RuleID    string
			RuleIndex *int
			Level     string
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI, URIBaseID string }
					Region           map[string]int
				}
			}
			PartialFingerprints map[string]string
			Fixes               []struct {
				Description     struct{ Text string }
				ArtifactChanges []struct {
					ArtifactLocation struct{ URI string }
					Replacements     []struct {
						DeletedRegion   map[string]int
						InsertedContent struct{ Text string }
					}
				}
			}
			Suppressions []struct{ Kind, Justification string }
			Properties   map[string]string
		}
	}
}

// checkSARIF parses out and checks what GitHub code scanning requires of
// every result; it returns the parsed log for further checks.
func checkSARIF(t *testing.T, out []byte) sarifDoc {
	t.Helper()
	var doc sarifDoc
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("invalid SARIF JSON: %v", err)
	}
	if doc.Version != "2.1.0" || !strings.Contains(doc.Schema, "sarif-2.1.0") || len(doc.Runs) != 1 {
		t.Fatalf("not one SARIF 2.1.0 run: version %q schema %q runs %d", doc.Version, doc.Schema, len(doc.Runs))
	}
	run := doc.Runs[0]
	d := run.Tool.Driver
	if d.Name != "keyless" || d.InformationURI == "" {
		t.Errorf("driver = %+v", d)
	}
	ids := map[string]int{}
	for i, r := range d.Rules {
		if _, dup := ids[r.ID]; dup {
			t.Errorf("rule %s listed twice", r.ID)
		}
		ids[r.ID] = i
		if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.Help.Markdown == "" || r.Name == "" {
			t.Errorf("rule %s lacks descriptions/help/name: %+v", r.ID, r)
		}
		tags, _ := r.Properties["tags"].([]any)
		if len(tags) == 0 || tags[0] != "security" {
			t.Errorf("rule %s tags %v, want security first", r.ID, tags)
		}
		if _, ok := r.Properties["security-severity"].(string); !ok {
			t.Errorf("rule %s has no security-severity string", r.ID)
		}
		if _, ok := r.Properties["precision"].(string); !ok {
			t.Errorf("rule %s has no precision", r.ID)
		}
	}
	for _, res := range run.Results {
		i, ok := ids[res.RuleID]
		if !ok {
			t.Errorf("result rule %q not in rules", res.RuleID)
		}
		if res.RuleIndex == nil || *res.RuleIndex != i {
			t.Errorf("result %s ruleIndex %v, want %d", res.RuleID, res.RuleIndex, i)
		}
		switch res.Level {
		case "error", "warning", "note":
		default:
			t.Errorf("result %s level %q", res.RuleID, res.Level)
		}
		if res.Message.Text == "" {
			t.Errorf("result %s has no message", res.RuleID)
		}
		if res.PartialFingerprints[FingerprintKey] == "" {
			t.Errorf("result %s has no %s fingerprint", res.RuleID, FingerprintKey)
		}
		if len(res.Locations) != 1 {
			t.Fatalf("result %s has %d locations", res.RuleID, len(res.Locations))
		}
		pl := res.Locations[0].PhysicalLocation
		checkURI(t, pl.ArtifactLocation.URI)
		if pl.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("uriBaseId %q", pl.ArtifactLocation.URIBaseID)
		}
		checkRegion(t, res.RuleID, pl.Region)
		for _, fx := range res.Fixes {
			for _, ch := range fx.ArtifactChanges {
				checkURI(t, ch.ArtifactLocation.URI)
				for _, rp := range ch.Replacements {
					checkRegion(t, res.RuleID+" fix", rp.DeletedRegion)
				}
			}
		}
	}
	return doc
}

func checkURI(t *testing.T, uri string) {
	t.Helper()
	if uri == "" || strings.HasPrefix(uri, "/") || strings.Contains(uri, `\`) || strings.Contains(uri, "://") || strings.HasPrefix(uri, "..") {
		t.Errorf("uri %q is not a relative '/'-separated path", uri)
	}
}

func checkRegion(t *testing.T, what string, r map[string]int) {
	t.Helper()
	for _, k := range []string{"startLine", "startColumn", "endLine", "endColumn"} {
		if r[k] < 1 {
			t.Errorf("%s region %s = %d, want >= 1 (%v)", what, k, r[k], r)
		}
	}
	if r["endLine"] < r["startLine"] || r["endLine"] == r["startLine"] && r["endColumn"] < r["startColumn"] {
		t.Errorf("%s region ends before it starts: %v", what, r)
	}
}

func TestSARIF(t *testing.T) {
	var out bytes.Buffer
	fs := sampleFindings(t)
	if err := WriteSARIF(&out, fs, Meta{Mode: ModeLint, Version: "v1.2.3"}); err != nil {
		t.Fatal(err)
	}
	doc := checkSARIF(t, out.Bytes())
	run := doc.Runs[0]
	if run.AutomationDetails.ID != "keyless-lint/" {
		t.Errorf("category %q", run.AutomationDetails.ID)
	}
	if v := run.Tool.Driver; v.Version != "1.2.3" || v.SemanticVersion != "1.2.3" {
		t.Errorf("version %q semanticVersion %q", v.Version, v.SemanticVersion)
	}
	// Rules: one per rule that appears, in order of first appearance.
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		ids = append(ids, r.ID)
	}
	if got := strings.Join(ids, " "); got != "keyauth/azopenai-key-credential ignore/missing-reason history/not-in-catalog" {
		t.Errorf("rules %s", got)
	}
	r0 := run.Tool.Driver.Rules[0]
	if r0.Properties["security-severity"] != "8.0" || r0.Properties["precision"] != "very-high" {
		t.Errorf("rule 0 properties %v", r0.Properties)
	}
	if tags := r0.Properties["tags"].([]any); !containsAny(tags, "CWE-798") {
		t.Errorf("rule 0 tags %v lack CWE-798", tags)
	}
	if !strings.Contains(r0.Help.Markdown, "```go") || !strings.Contains(r0.Help.Text, "After:") {
		t.Errorf("rule 0 help lacks before/after")
	}
	if len(run.Results) != 4 {
		t.Fatalf("%d results, want 4 (suppressed included)", len(run.Results))
	}
	res := run.Results
	if res[0].Level != "error" || len(res[0].Fixes) != 1 || len(res[0].Fixes[0].ArtifactChanges) != 2 {
		t.Errorf("result 0 fixes %+v", res[0].Fixes)
	} else if rp := res[0].Fixes[0].ArtifactChanges[0].Replacements; len(rp) != 2 || rp[0].InsertedContent.Text != "NewClient" || rp[0].DeletedRegion["startColumn"] != 21 {
		t.Errorf("result 0 replacements %+v", rp)
	}
	if uri := res[1].Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != "a%20b/x.go" {
		t.Errorf("uri with space %q", uri)
	}
	if s := res[2].Suppressions; len(s) != 1 || s[0].Kind != "inSource" || s[0].Justification != "local emulator" {
		t.Errorf("suppressions %+v", s)
	}
	if len(res[1].Suppressions) != 0 {
		t.Errorf("unsuppressed result has suppressions")
	}
	if p := res[3].Properties; p["commit"] != "0123456789abcdef0123" || p["author"] != "Dev" || p["date"] == "" {
		t.Errorf("history properties %v", p)
	}
	if strings.Contains(out.String(), "snippet") {
		t.Error("SARIF carries a snippet")
	}

	out.Reset()
	if err := WriteSARIF(&out, nil, Meta{Mode: ModeHistory, Version: "devel"}); err != nil {
		t.Fatal(err)
	}
	doc = checkSARIF(t, out.Bytes())
	if doc.Runs[0].AutomationDetails.ID != "keyless-history/" || doc.Runs[0].Tool.Driver.SemanticVersion != "0.0.0-devel" || doc.Runs[0].Tool.Driver.Version != "0.0.0" {
		t.Errorf("history run %+v", doc.Runs[0].AutomationDetails)
	}
	if !strings.Contains(out.String(), `"results": []`) || !strings.Contains(out.String(), `"rules": []`) {
		t.Errorf("empty run must have empty arrays, not null:\n%s", out.String())
	}
}

func containsAny(xs []any, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func TestRegionClamp(t *testing.T) {
	for _, tc := range []struct{ in, want [4]int }{
		{[4]int{0, 0, 0, 0}, [4]int{1, 1, 1, 1}},
		{[4]int{3, 5, 0, 0}, [4]int{3, 5, 3, 5}},
		{[4]int{3, 5, 3, 2}, [4]int{3, 5, 3, 5}},
		{[4]int{3, 5, 4, 1}, [4]int{3, 5, 4, 1}},
	} {
		r := region(tc.in[0], tc.in[1], tc.in[2], tc.in[3])
		if got := [4]int{r.StartLine, r.StartColumn, r.EndLine, r.EndColumn}; got != tc.want {
			t.Errorf("region%v = %v, want %v", tc.in, got, tc.want)
		}
	}
}
