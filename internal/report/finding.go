// Package report holds keyless's one finding model and its writers (text,
// json, sarif, github, rdjsonl), shared by `keyless lint` and
// `keyless history`, and the exit-code contract.
package report

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Exit codes of every keyless command.
const (
	ExitClean    = 0 // no findings
	ExitFindings = 1 // at least one unsuppressed finding
	ExitError    = 2 // usage, configuration, load or git error
)

// Finding is one result, from an analyzer or from the history pass.
// It never holds a secret in clear: history findings carry the redacted
// form only, and fingerprints hash the secret.
type Finding struct {
	RuleID   string // "keyauth/azopenai-key-credential", "history/azure-openai-key"
	Severity string // "error", "warning" or "note"
	Message  string // without the rule id prefix

	Path      string // module- or repo-relative, '/'-separated
	Line      int    // 1-based
	Column    int    // 1-based, in bytes
	EndLine   int    // 0 when unknown
	EndColumn int

	Fix         *Fix         // at most one suggested fix
	Suppression *Suppression // set when an ignore comment or baseline covers it

	// Fingerprint identifies the finding across runs and line shifts; see
	// Fingerprint.
	Fingerprint string

	// History findings only.
	Commit string
	Author string
	Date   string // RFC 3339
	Secret string // redacted form, e.g. "AKI…(40)"
}

// Fix is a suggested fix: a message and its edits.
type Fix struct {
	Message string
	Edits   []Edit
}

// Edit replaces the text between two positions of one file. Offsets are
// byte offsets in the file; lines and columns are 1-based (columns count
// bytes) and describe the same range for formats that want them.
type Edit struct {
	Path               string
	Offset, EndOffset  int
	Line, Column       int
	EndLine, EndColumn int
	NewText            string
}

// Suppression says why a finding is not counted.
type Suppression struct {
	Kind          string // "inSource" (ignore comment) or "external" (baseline, .gitleaksignore)
	Justification string
}

// Fingerprint is the stable identity of a finding: a hash of the rule id,
// the path and a content key (the hash of the secret, or the normalised
// source line), never line numbers and never the secret itself.
func Fingerprint(ruleID, path, contentKey string) string {
	h := sha256.New()
	for _, s := range []string{ruleID, path, contentKey} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// NormalizeLine is the content key of a source line: its text with all
// white space removed, so re-indentation does not change a fingerprint.
func NormalizeLine(line string) string {
	return strings.Join(strings.Fields(line), "")
}
