package history

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/keyless-dev/keyless/internal/report"
)

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = 1

// Baseline is keyless's record of accepted history findings: fingerprints
// with the rule, path and first commit for a reviewer to read — never a
// secret, not even redacted. `keyless history -baseline FILE` reports the
// findings it lists as suppressed, so only new ones fail.
type Baseline struct {
	Version  int             `json:"version"`
	Comment  string          `json:"comment,omitempty"`
	Findings []BaselineEntry `json:"findings"`
}

// BaselineEntry is one accepted finding.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	RuleID      string `json:"ruleId"`
	Path        string `json:"path"`
	Commit      string `json:"commit,omitempty"`
}

const baselineComment = "keyless history baseline: fingerprints of accepted findings (rule, path, hash of the secret). Keys listed here still leaked: rotate them."

// NewBaseline records every finding that is not suppressed (by
// .gitleaksignore).
func NewBaseline(findings []report.Finding) *Baseline {
	b := &Baseline{Version: BaselineVersion, Comment: baselineComment, Findings: []BaselineEntry{}}
	for _, f := range findings {
		if f.Suppression != nil {
			continue
		}
		b.Findings = append(b.Findings, BaselineEntry{Fingerprint: f.Fingerprint, RuleID: f.RuleID, Path: f.Path, Commit: f.Commit})
	}
	b.sort()
	return b
}

func (b *Baseline) sort() {
	sort.Slice(b.Findings, func(i, j int) bool { return b.Findings[i].Fingerprint < b.Findings[j].Fingerprint })
}

// ReadBaseline reads and checks a baseline file.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b Baseline
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("%s: not a keyless baseline: %v", path, err)
	}
	if b.Version != BaselineVersion {
		return nil, fmt.Errorf("%s: baseline version %d, want %d", path, b.Version, BaselineVersion)
	}
	for i, e := range b.Findings {
		if !isFingerprint(e.Fingerprint) {
			return nil, fmt.Errorf("%s: entry %d: bad fingerprint (want 32 hex digits)", path, i+1)
		}
	}
	return &b, nil
}

// Prune drops the entries whose fingerprint is not among findings and
// returns how many it dropped. It never adds an entry: accepting new
// findings takes a fresh `keyless baseline`.
func (b *Baseline) Prune(findings []report.Finding) int {
	found := map[string]bool{}
	for _, f := range findings {
		found[f.Fingerprint] = true
	}
	kept := b.Findings[:0]
	for _, e := range b.Findings {
		if found[e.Fingerprint] {
			kept = append(kept, e)
		}
	}
	n := len(b.Findings) - len(kept)
	b.Findings = kept
	return n
}

// Write writes the baseline atomically (temporary file, then rename) when
// path is a regular file or does not exist; anything else (/dev/null, a
// pipe) is written in place, because renaming over it would replace it.
func (b *Baseline) Write(path string) error {
	b.Version = BaselineVersion
	if b.Findings == nil {
		b.Findings = []BaselineEntry{}
	}
	b.sort()
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return fmt.Errorf("writing baseline: %w", err)
		}
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".keyless-baseline-*")
	if err != nil {
		return fmt.Errorf("writing baseline: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing baseline: %w", err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("writing baseline: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing baseline: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing baseline: %w", err)
	}
	return nil
}

// AddBaseline silences every fingerprint of b.
func (ig *Ignore) AddBaseline(b *Baseline, path string) {
	for _, e := range b.Findings {
		ig.AddFingerprint(e.Fingerprint, baselineReason(path))
	}
}

func baselineReason(path string) string { return "in baseline " + path }
