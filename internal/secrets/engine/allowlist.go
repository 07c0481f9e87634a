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
	stopIndex *keywordIndex // all stopwords in one pass (gitleaks' rule has ~1500)
}

func compileAllowlist(a gitleaksdefault.Allowlist) (*allowlist, error) {
	al := &allowlist{and: a.And, target: a.RegexTarget, stopwords: a.StopWords}
	var err error
	if al.regexes, err = joined(a.Regexes); err != nil {
		return nil, err
	}
	if al.paths, err = joined(a.Paths); err != nil {
		return nil, err
	}
	al.index()
	return al, nil
}

// joined compiles regexes.
func joined(srcs []string) ([]*regexp.Regexp, error) {
	if len(srcs) == 0 {
		return nil, nil
	}
	for _, s := range srcs {
		if _, err := regexp.Compile(s); err != nil {
			return nil, err
		}
	}
	// Kept separate: anchored patterns fail on their first byte, which a
	// joined alternation cannot do (measured slower joined).
	res := make([]*regexp.Regexp, len(srcs))
	for i, s := range srcs {
		res[i] = regexp.MustCompile(s)
	}
	return res, nil
}

func (a *allowlist) index() {
	if len(a.stopwords) == 0 {
		return
	}
	kw := map[string][]int{}
	for _, w := range a.stopwords {
		kw[strings.ToLower(w)] = []int{0}
	}
	a.stopIndex = newKeywordIndex(kw)
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
	if a.stopIndex == nil {
		return false
	}
	var set [1]uint64
	a.stopIndex.mark(secret, set[:])
	return set[0] != 0
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
