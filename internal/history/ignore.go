package history

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Ignore holds what silences history findings: .gitleaksignore entries
// (gitleaks-compatible) and keyless baselines. A silenced finding is still
// reported, as suppressed ("external"), and does not fail the run.
type Ignore struct {
	// "file:rule:line" → where the entry came from
	global map[string]string
	// "file:rule:line" → commit-specific entries
	commits map[string][]commitEntry
	// keyless fingerprint → where it came from
	fingerprints map[string]string
}

type commitEntry struct {
	commit, source string
}

// NewIgnore returns an empty Ignore.
func NewIgnore() *Ignore {
	return &Ignore{global: map[string]string{}, commits: map[string][]commitEntry{}, fingerprints: map[string]string{}}
}

// AddGitleaksIgnore reads a .gitleaksignore file. Its format is gitleaks':
// one entry per line, '#' comments, either the global form
// `file:rule-id:line` or the commit form `commit:file:rule-id:line`
// (backslashes in the file are read as '/'). rule-id is the gitleaks /
// secret id (azure-openai-key, aws-access-token…) — keyless's full id
// history/<id> is accepted too. The line is where gitleaks' match starts
// in the file at that commit — the line keyless reports, except for a
// secret inside a multi-line match. As a keyless
// extension, a line holding a keyless fingerprint (32 hex digits, as in
// JSON/SARIF output) silences that finding in every commit.
func (ig *Ignore) AddGitleaksIgnore(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		source := fmt.Sprintf("%s:%d", path, n)
		if isFingerprint(line) {
			ig.fingerprints[line] = "ignored by " + source
			continue
		}
		parts := strings.Split(line, ":")
		switch len(parts) {
		case 3:
			key, ok := ignoreKey(parts[0], parts[1], parts[2])
			if !ok {
				return fmt.Errorf("%s: bad line number (want file:rule-id:line)", source)
			}
			ig.global[key] = "ignored by " + source
		case 4:
			key, ok := ignoreKey(parts[1], parts[2], parts[3])
			if !ok || parts[0] == "" {
				return fmt.Errorf("%s: bad entry (want commit:file:rule-id:line)", source)
			}
			ig.commits[key] = append(ig.commits[key], commitEntry{commit: strings.ToLower(parts[0]), source: "ignored by " + source})
		default:
			return fmt.Errorf("%s: invalid entry (want file:rule-id:line or commit:file:rule-id:line, or a keyless fingerprint)", source)
		}
	}
	return sc.Err()
}

func ignoreKey(file, rule, line string) (string, bool) {
	if _, err := strconv.Atoi(line); err != nil {
		return "", false
	}
	file = strings.ReplaceAll(file, `\`, "/")
	rule = strings.TrimPrefix(rule, RulePrefix)
	return file + ":" + rule + ":" + line, true
}

func isFingerprint(s string) bool {
	if len(s) != 32 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// AddFingerprint silences one keyless fingerprint (from a baseline).
func (ig *Ignore) AddFingerprint(fp, source string) {
	ig.fingerprints[fp] = source
}

// matchOccurrence reports which .gitleaksignore entry covers o ("" = none).
// A commit entry matches a full commit id or a prefix of at least 7 hex
// digits.
func (ig *Ignore) matchOccurrence(o occurrence) string {
	if ig == nil {
		return ""
	}
	key := fmt.Sprintf("%s:%s:%d", o.path, o.ruleID, o.matchLine)
	if src, ok := ig.global[key]; ok {
		return src
	}
	if o.commit == nil {
		return ""
	}
	for _, e := range ig.commits[key] {
		if e.commit == o.commit.SHA || len(e.commit) >= 7 && strings.HasPrefix(o.commit.SHA, e.commit) {
			return e.source
		}
	}
	return ""
}

// matchFingerprint reports which baseline or ignore entry covers a
// fingerprint ("" = none).
func (ig *Ignore) matchFingerprint(fp string) string {
	if ig == nil {
		return ""
	}
	return ig.fingerprints[fp]
}
