package history

import (
	"github.com/zricethezav/gitleaks/v8/config"
)

// splitPathAllowlists takes the path checks out of cfg's global OR
// allowlists (gitleaks' vendor/, lock files, images…): gitleaks runs them
// on every fragment, keyless once per path (pathAllowed). Everything else
// of those allowlists stays in the returned copy; cfg is not modified.
func splitPathAllowlists(cfg config.Config) (config.Config, []*config.Allowlist) {
	var paths []*config.Allowlist
	var rest []*config.Allowlist
	for _, a := range cfg.Allowlists {
		if a.MatchCondition != config.AllowlistMatchOr || len(a.Paths) == 0 {
			rest = append(rest, a)
			continue
		}
		paths = append(paths, a)
		if len(a.Commits)+len(a.Regexes)+len(a.StopWords) == 0 {
			continue
		}
		b := &config.Allowlist{Description: a.Description, MatchCondition: a.MatchCondition, Commits: a.Commits,
			RegexTarget: a.RegexTarget, Regexes: a.Regexes, StopWords: a.StopWords}
		if err := b.Validate(); err != nil { // cannot fail: b has checks
			panic(err)
		}
		rest = append(rest, b)
	}
	cfg.Allowlists = rest
	return cfg, paths
}

// pathAllowed reports whether a global allowlist silences every finding in
// path, as gitleaks' checkCommitOrPathAllowed would for each fragment.
func (s *Scanner) pathAllowed(path string) bool {
	if v, ok := s.allowed.Load(path); ok {
		return v.(bool)
	}
	allowed := false
	for _, a := range s.pathAllow {
		allowed = allowed || a.PathAllowed(path)
	}
	s.allowed.Store(path, allowed)
	return allowed
}
