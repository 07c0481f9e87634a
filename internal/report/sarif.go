package report

import (
	"encoding/json"
	"io"
	"regexp"
	"strings"

	"github.com/keyless-dev/keyless/internal/rules"
)

// SARIF 2.1.0 for GitHub code scanning. What GitHub relies on and this
// writer guarantees: one rules[] entry per rule that appears, with a
// unique id and help; results with ruleId + ruleIndex, level, repo-relative
// '/'-separated uris under %SRCROOT%, regions whose lines and columns are
// all >= 1, partialFingerprints["keyless/v1"] (content-based, so alerts
// survive line shifts), fixes, in-source suppressions, and a per-mode
// category in automationDetails.id. No snippets: a region never carries
// source text, so a secret cannot leak through SARIF.

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// InformationURI is keyless's home page, used by SARIF and rdjsonl.
	InformationURI = "https://github.com/keyless-dev/keyless"
	// FingerprintKey names keyless's fingerprint in partialFingerprints.
	FingerprintKey = "keyless/v1"
	srcRoot        = "%SRCROOT%"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool              sarifTool       `json:"tool"`
	AutomationDetails sarifAutomation `json:"automationDetails"`
	Results           []sarifResult   `json:"results"`
	ColumnKind        string          `json:"columnKind,omitempty"`
	Properties        map[string]any  `json:"properties,omitempty"`
}

type sarifAutomation struct {
	ID string `json:"id"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     sarifText           `json:"shortDescription"`
	FullDescription      sarifText           `json:"fullDescription"`
	Help                 sarifHelp           `json:"help"`
	HelpURI              string              `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleConfig     `json:"defaultConfiguration"`
	Properties           sarifRuleProperties `json:"properties"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperties struct {
	Tags             []string `json:"tags"`
	SecuritySeverity string   `json:"security-severity"`
	Precision        string   `json:"precision"`
	ProblemSeverity  string   `json:"problem.severity"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Fixes               []sarifFix         `json:"fixes,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]string  `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent sarifText   `json:"insertedContent"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

// WriteSARIF writes one SARIF 2.1.0 run. Suppressed findings are included
// with suppressions[]; GitHub shows them as dismissed.
func WriteSARIF(w io.Writer, findings []Finding, meta Meta) error {
	cat := meta.catalog()
	mode := meta.Mode
	if mode == "" {
		mode = ModeLint
	}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "keyless",
			// SARIF wants a version, numeric (validator rules
			// SARIF2005); a devel build reports 0.0.0 / 0.0.0-devel.
			Version:         numericVersion(meta.Version),
			SemanticVersion: semanticVersion(meta.Version),
			InformationURI:  InformationURI,
			Rules:           []sarifRule{},
		}},
		AutomationDetails: sarifAutomation{ID: "keyless-" + mode + "/"},
		Results:           []sarifResult{},
	}
	index := map[string]int{}
	for _, f := range findings {
		i, ok := index[f.RuleID]
		if !ok {
			d, known := cat.Lookup(f.RuleID)
			if !known {
				d = rules.RuleDoc{ID: f.RuleID, Doc: rules.Doc{Title: f.RuleID, Severity: f.Severity}}
			}
			i = len(run.Tool.Driver.Rules)
			index[f.RuleID] = i
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(d))
		}
		run.Results = append(run.Results, sarifResultOf(f, i))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

func sarifRuleOf(d rules.RuleDoc) sarifRule {
	level := levelOf(d.Severity)
	tags := []string{"security"}
	if d.CWE != "" {
		tags = append(tags, "external/cwe/"+strings.ToLower(d.CWE), strings.ToUpper(d.CWE))
	}
	full := strings.TrimSpace(d.Why)
	if full == "" {
		full = d.Title
	}
	return sarifRule{
		ID:                   d.ID,
		Name:                 ruleName(d.ID),
		ShortDescription:     sarifText{Text: d.Title},
		FullDescription:      sarifText{Text: full},
		Help:                 sarifHelp{Text: HelpText(d), Markdown: HelpMarkdown(d)},
		HelpURI:              InformationURI + "#rules",
		DefaultConfiguration: sarifRuleConfig{Level: level},
		Properties: sarifRuleProperties{
			Tags:             tags,
			SecuritySeverity: securitySeverity(level),
			Precision:        precision(d.ID),
			ProblemSeverity:  map[string]string{"error": "error", "warning": "warning", "note": "recommendation"}[level],
		},
	}
}

func sarifResultOf(f Finding, ruleIndex int) sarifResult {
	r := sarifResult{
		RuleID:    f.RuleID,
		RuleIndex: ruleIndex,
		Level:     levelOf(f.Severity),
		Message:   sarifText{Text: f.Message},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
			ArtifactLocation: artifact(f.Path),
			Region:           region(f.Line, f.Column, f.EndLine, f.EndColumn),
		}}},
		PartialFingerprints: map[string]string{FingerprintKey: f.Fingerprint},
	}
	if f.Fix != nil && len(f.Fix.Edits) > 0 {
		fix := sarifFix{Description: sarifText{Text: f.Fix.Message}}
		byPath := map[string]int{}
		for _, e := range f.Fix.Edits {
			i, ok := byPath[e.Path]
			if !ok {
				i = len(fix.ArtifactChanges)
				byPath[e.Path] = i
				fix.ArtifactChanges = append(fix.ArtifactChanges, sarifArtifactChange{ArtifactLocation: artifact(e.Path)})
			}
			ch := &fix.ArtifactChanges[i]
			ch.Replacements = append(ch.Replacements, sarifReplacement{
				DeletedRegion:   region(e.Line, e.Column, e.EndLine, e.EndColumn),
				InsertedContent: sarifText{Text: e.NewText},
			})
		}
		r.Fixes = []sarifFix{fix}
	}
	if s := f.Suppression; s != nil {
		kind := s.Kind
		if kind != "inSource" && kind != "external" {
			kind = "external"
		}
		r.Suppressions = []sarifSuppression{{Kind: kind, Justification: s.Justification}}
	}
	if f.Commit != "" || f.Author != "" || f.Date != "" {
		r.Properties = map[string]string{}
		for k, v := range map[string]string{"commit": f.Commit, "author": f.Author, "date": f.Date} {
			if v != "" {
				r.Properties[k] = v
			}
		}
	}
	return r
}

func artifact(path string) sarifArtifact {
	return sarifArtifact{URI: uriPath(path), URIBaseID: srcRoot}
}

// uriPath makes a relative '/'-separated path a valid relative URI
// reference: segments are percent-encoded where RFC 3986 requires it.
func uriPath(path string) string {
	path = strings.TrimPrefix(strings.ReplaceAll(path, `\`, "/"), "./")
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		c := path[i]
		if c == '/' || c == '-' || c == '.' || c == '_' || c == '~' ||
			'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			b.WriteByte(c)
			continue
		}
		const hex = "0123456789ABCDEF"
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// region clamps a position to SARIF's rules: every field >= 1, and the end
// not before the start (an unknown end is the start).
func region(line, col, endLine, endCol int) sarifRegion {
	r := sarifRegion{StartLine: max(line, 1), StartColumn: max(col, 1)}
	r.EndLine, r.EndColumn = endLine, endCol
	if r.EndLine < r.StartLine {
		r.EndLine, r.EndColumn = r.StartLine, r.StartColumn
	}
	if r.EndLine == r.StartLine && r.EndColumn < r.StartColumn {
		r.EndColumn = r.StartColumn
	}
	r.EndColumn = max(r.EndColumn, 1)
	return r
}

// securitySeverity maps a level to GitHub's security-severity score:
// error = high (fails PR checks by default), warning = medium, note = low.
func securitySeverity(level string) string {
	switch level {
	case rules.SeverityError:
		return "8.0"
	case rules.SeverityNote:
		return "2.0"
	}
	return "5.0"
}

// precision: type-based and comment checks are exact; pattern-based secret
// detection can mistake a look-alike for a key.
func precision(id string) string {
	if strings.HasPrefix(id, "hardcodedsecret/") || strings.HasPrefix(id, "history/") {
		return "high"
	}
	return "very-high"
}

// ruleName turns "keyauth/azopenai-key-credential" into
// "KeyauthAzopenaiKeyCredential", SARIF's identifier-like rule name.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	}) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

var semverRE = regexp.MustCompile(`^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$`)

func semver(v string) string {
	if m := semverRE.FindStringSubmatch(v); m != nil {
		return m[1]
	}
	return ""
}

func semanticVersion(v string) string {
	if sv := semver(v); sv != "" {
		return sv
	}
	return "0.0.0-devel"
}

// numericVersion is the dotted x.y.z part of a version, "0.0.0" if none.
func numericVersion(v string) string {
	sv := semver(v)
	if i := strings.IndexAny(sv, "-+"); i >= 0 {
		sv = sv[:i]
	}
	if sv == "" {
		return "0.0.0"
	}
	return sv
}
