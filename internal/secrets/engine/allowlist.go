package engine

import (
	"regexp"
	"strings"

	"github.com/keyless-dev/keyless/internal/secrets/gitleaksdefault"
)

// allowlist has gitleaks' semantics: regexes match the secret (or the
// match, or the line, by target) and stopwords are searched in the
// lower-cased secret; OR by default; with AND every non-empty criterion
// must hold, paths included.
type allowlist struct {
	and       bool
	target    string
	regexes   []*regexp.Regexp
	paths     []*regexp.Regexp
	stopwords []string
}

func compileAllowlist(a gitleaksdefault.Allowlist) (*allowlist, error) {
	al := &allowlist{and: a.And, target: a.RegexTarget, stopwords: a.StopWords}
	for _, s := range a.Regexes {
		re, err := regexp.Compile(s)
		if err != nil {
			return nil, err
		}
		al.regexes = append(al.regexes, re)
	}
	for _, s := range a.Paths {
		re, err := regexp.Compile(s)
		if err != nil {
			return nil, err
		}
		al.paths = append(al.paths, re)
	}
	return al, nil
}

func anyMatch(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

func (a *allowlist) pathAllowed(path string) bool {
	return path != "" && anyMatch(a.paths, path)
}

func (a *allowlist) stopword(secret string) bool {
	if len(a.stopwords) == 0 {
		return false
	}
	s := strings.ToLower(secret)
	for _, w := range a.stopwords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func (a *allowlist) allowed(secret, match, line, path string) bool {
	target := secret
	switch a.target {
	case "match":
		target = match
	case "line":
		target = line
	}
	regex := anyMatch(a.regexes, target)
	stop := a.stopword(secret)
	if !a.and {
		return regex || stop || a.pathAllowed(path)
	}
	checks := 0
	if len(a.paths) > 0 {
		if !a.pathAllowed(path) {
			return false
		}
		checks++
	}
	if len(a.regexes) > 0 {
		if !regex {
			return false
		}
		checks++
	}
	if len(a.stopwords) > 0 {
		if !stop {
			return false
		}
		checks++
	}
	return checks > 0
}
