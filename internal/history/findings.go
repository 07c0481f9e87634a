package history

import (
	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/safegit"
)

// findings groups occurrences by fingerprint (rule, path, secret) and
// keeps, per group, the earliest commit that added the secret: later
// re-additions of the same key in the same file are the same leak and the
// same remedy. An occurrence that .gitleaksignore covers is used only when
// every occurrence of the group is ignored (the finding is then
// suppressed).
func (s *Scanner) findings(occs []occurrence, opts Options) []report.Finding {
	type group struct {
		best    *occurrence
		commits map[*safegit.Commit]bool
	}
	groups := map[string]*group{}
	var order []string
	for i := range occs {
		o := &occs[i]
		fp := fingerprint(o.ruleID, o.path, o.hash)
		g := groups[fp]
		if g == nil {
			g = &group{commits: map[*safegit.Commit]bool{}}
			groups[fp] = g
			order = append(order, fp)
		}
		g.commits[o.commit] = true
		if g.best == nil || earlier(o, g.best) {
			g.best = o
		}
	}
	var out []report.Finding
	for _, fp := range order {
		g := groups[fp]
		f := s.finding(g.best, fp, len(g.commits), opts)
		out = append(out, f)
	}
	report.Sort(out)
	return out
}

// earlier orders occurrences: not ignored first, then the oldest commit
// (git prints newest first, so a larger seq is older), then the lowest
// line.
func earlier(a, b *occurrence) bool {
	if (a.ignoredBy == "") != (b.ignoredBy == "") {
		return a.ignoredBy == ""
	}
	as, bs := seqOf(a.commit), seqOf(b.commit)
	if as != bs {
		return as > bs
	}
	if a.line != b.line {
		return a.line < b.line
	}
	return a.col < b.col
}

func seqOf(c *safegit.Commit) int {
	if c == nil {
		return -1
	}
	return c.Seq
}

// fingerprint is the stable identity of a history finding: rule, path and
// the secret's hash; never the line, never the secret.
func fingerprint(ruleID, path, secretHash string) string {
	return report.Fingerprint(RulePrefix+ruleID, path, secretHash)
}

func (s *Scanner) finding(o *occurrence, fp string, count int, opts Options) report.Finding {
	id := RulePrefix + o.ruleID
	f := report.Finding{
		RuleID:      id,
		Severity:    rules.SeverityError,
		Path:        o.path,
		Line:        o.line,
		Column:      o.col,
		EndLine:     o.endLine,
		EndColumn:   o.endCol,
		Fingerprint: fp,
		Secret:      o.shown,
	}
	how := rules.DefaultSecretRemedy
	if d, ok := s.cat.Lookup(id); ok {
		if d.Severity != "" {
			f.Severity = d.Severity
		}
		if d.Remedy != "" {
			how = d.Remedy
		}
	}
	if o.commit != nil {
		f.Commit, f.Author, f.Date = o.commit.SHA, o.commit.Author, o.commit.Date
	}
	f.Message = message(how, o, count)
	if o.ignoredBy != "" {
		f.Suppression = &report.Suppression{Kind: "external", Justification: o.ignoredBy}
	}
	if reason := opts.Ignore.matchFingerprint(fp); reason != "" && f.Suppression == nil {
		f.Suppression = &report.Suppression{Kind: "external", Justification: reason}
	}
	return f
}
