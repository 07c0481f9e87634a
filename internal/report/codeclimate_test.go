package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestCodeClimate(t *testing.T) {
	fs := sampleFindings(t)
	// A second finding with the first one's fingerprint (the same rule on
	// an identical line of the same file) must get its own fingerprint.
	twin := fs[0]
	twin.Line += 5
	fs = append(fs, twin)
	var out bytes.Buffer
	if err := WriteCodeClimate(&out, fs, Meta{}); err != nil {
		t.Fatal(err)
	}
	var raw []map[string]any
	if err := json.Unmarshal(out.Bytes(), &raw); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, out.String())
	}
	for _, k := range []string{"description", "check_name", "fingerprint", "severity", "location"} {
		if _, ok := raw[0][k]; !ok {
			t.Errorf("issue 0 lacks %q: %v", k, raw[0])
		}
	}
	var got []struct {
		Description string `json:"description"`
		CheckName   string `json:"check_name"`
		Fingerprint string `json:"fingerprint"`
		Severity    string `json:"severity"`
		Location    struct {
			Path  string `json:"path"`
			Lines struct {
				Begin int `json:"begin"`
				End   int `json:"end"`
			} `json:"lines"`
		} `json:"location"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(fs)-1 {
		t.Fatalf("%d issues, want %d (the suppressed finding left out)", len(got), len(fs)-1)
	}
	if g := got[0]; g.CheckName != fs[0].RuleID || g.Severity != "critical" || g.Location.Path != "svc/client.go" ||
		g.Location.Lines.Begin != fs[0].Line || g.Location.Lines.End != fs[0].EndLine || g.Fingerprint != fs[0].Fingerprint {
		t.Errorf("issue 0 = %+v", g)
	}
	if got[1].Severity != "major" || got[2].Severity != "info" {
		t.Errorf("severities = %q, %q; want major, info", got[1].Severity, got[2].Severity)
	}
	if g := got[2]; g.Location.Lines.Begin != 1 || g.Location.Lines.End != 1 || !strings.Contains(g.Description, "commit 0123456789ab") {
		t.Errorf("history issue = %+v", g)
	}
	seen := map[string]bool{}
	for _, g := range got {
		if seen[g.Fingerprint] {
			t.Errorf("fingerprint %q repeated: GitLab would merge the issues", g.Fingerprint)
		}
		seen[g.Fingerprint] = true
	}
	if want := fs[0].Fingerprint + "-2"; got[3].Fingerprint != want {
		t.Errorf("twin fingerprint = %q, want %q", got[3].Fingerprint, want)
	}

	out.Reset()
	if err := WriteCodeClimate(&out, nil, Meta{}); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(out.String()) != "[]" {
		t.Errorf("empty report = %q, want []", out.String())
	}
}
