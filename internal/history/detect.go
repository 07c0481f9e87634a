package history

import (
	"bytes"
	"context"

	"github.com/zricethezav/gitleaks/v8/detect"
	gitleaksreport "github.com/zricethezav/gitleaks/v8/report"

	"github.com/keyless-dev/keyless/internal/safegit"
	"github.com/keyless-dev/keyless/internal/secrets"
)

// occurrence is one detection of a secret in one commit.
type occurrence struct {
	ruleID    string // short (gitleaks) id
	path      string
	commit    *safegit.Commit
	line      int // file line of the secret's start
	col       int
	endLine   int
	endCol    int
	start     int // byte offsets of the secret (or of its encoded form)
	end       int // in the change's text
	matchLine int // file line where gitleaks' match starts (.gitleaksignore)
	hash      string
	kind      string // "Azure OpenAI key"
	shown     string // redacted (or revealed) secret
	ignoredBy string // .gitleaksignore reason, "" when not ignored
}

// detect runs the detector on one change and converts what it finds.
func (s *Scanner) detect(ctx context.Context, d *detectors, ch *safegit.Hunk, opts Options, out []occurrence) []occurrence {
	frag := detect.Fragment{Raw: string(ch.Text), FilePath: ch.Path}
	if ch.Commit != nil {
		frag.CommitSHA = ch.Commit.SHA
	}
	var starts []int // byte offset of each line of ch.Text, built lazily
	var found []occurrence
	var raw []string // found[i]'s secret, for resolveOverlaps only
	if s.pathAllowed(ch.Path) {
		return out
	}
	det := d.det
	if !mayHaveEncoded(ch.Text) {
		det = d.det0
	}
	for _, f := range det.DetectContext(ctx, frag) {
		if f.Secret == "" || !s.engine.Validate(f.RuleID, f.Secret) {
			continue
		}
		if starts == nil {
			starts = lineStarts(ch.Text)
		}
		found = append(found, s.occurrence(ch, f, starts, opts))
		raw = append(raw, f.Secret)
	}
	return append(out, s.resolveOverlaps(found, raw)...)
}

// resolveOverlaps keeps one occurrence per secret under the secret
// engine's overlap rule (engine.Resolve: the rule that runs first wins
// among matches of one secret), so history and the hardcodedsecret
// analyzer report a key under the same id by construction.
func (s *Scanner) resolveOverlaps(found []occurrence, raw []string) []occurrence {
	if len(found) < 2 {
		return found
	}
	ms := make([]secrets.Match, len(found))
	for i, o := range found {
		ms[i] = secrets.Match{RuleID: o.ruleID, Secret: raw[i], Start: o.start, End: o.end}
	}
	kept := s.engine.Resolve(ms)
	out := make([]occurrence, len(kept))
	for j, i := range kept {
		out[j] = found[i]
	}
	return out
}

// occurrence converts a gitleaks finding; the raw secret stops here.
func (s *Scanner) occurrence(ch *safegit.Hunk, f gitleaksreport.Finding, starts []int, opts Options) occurrence {
	o := occurrence{
		ruleID: f.RuleID,
		path:   ch.Path,
		commit: ch.Commit,
		hash:   secrets.Hash(f.Secret),
		kind:   s.engine.Kind(secrets.Match{RuleID: f.RuleID, Secret: f.Secret}),
		shown:  secrets.Redact(f.Secret),
	}
	if opts.Reveal {
		o.shown = f.Secret
	}
	// gitleaks' StartLine is the 0-based index of the match's first line
	// in the fragment (StartLine 0); map it to the file's line number.
	idx := clamp(f.StartLine, 0, len(ch.Lines)-1)
	o.matchLine = ch.Lines[idx]
	// Point at the secret itself, not the whole match.
	from := starts[idx]
	var start, end int
	if i := bytes.Index(ch.Text[from:], []byte(f.Secret)); i >= 0 {
		start, end = from+i, from+i+len(f.Secret)
	} else {
		start, end = encodedSpan(ch.Text, from, idx, f.StartColumn)
	}
	o.start, o.end = start, end
	sl, sc := position(starts, start)
	el, ec := position(starts, end)
	o.line, o.col = ch.Lines[sl], sc
	o.endLine, o.endCol = ch.Lines[el], ec
	o.ignoredBy = opts.Ignore.matchOccurrence(o)
	return o
}
