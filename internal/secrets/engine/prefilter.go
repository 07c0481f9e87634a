package engine

import (
	"regexp/syntax"
	"unicode"
)

// need is a necessary condition derived from a rule's regex: the text must
// contain a run of at least run consecutive bytes from set. Checking a
// rule's needs is one pass over the text per need, far cheaper than the
// regex (case-folded, lazily quantified gitleaks patterns cost tens of
// microseconds on a short string); a text that fails any need cannot
// match. Derivation is conservative: every byte >= 0x80 counts as in a set
// that holds any non-ASCII rune, and anything not understood yields no
// need.
type need struct {
	set [256]bool
	run int
}

// needsOf returns the needs of a regex source and the minimum length in
// bytes of any match (a lower bound).
func needsOf(src string) ([]need, int) {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return nil, 0
	}
	var needs []need
	collectNeeds(re, &needs)
	// Keep the most selective few: long runs first, then small sets.
	best := needs[:0]
	for _, n := range needs {
		if n.run >= 2 || size(&n.set) <= 16 {
			best = append(best, n)
		}
	}
	if len(best) > 4 {
		best = best[:4]
	}
	return best, minLen(re)
}

func size(s *[256]bool) int {
	n := 0
	for _, b := range s {
		if b {
			n++
		}
	}
	return n
}

// collectNeeds adds the needs of the mandatory parts of re.
func collectNeeds(re *syntax.Regexp, out *[]need) {
	switch re.Op {
	case syntax.OpCapture:
		collectNeeds(re.Sub[0], out)
	case syntax.OpConcat:
		for _, s := range re.Sub {
			collectNeeds(s, out)
		}
	case syntax.OpPlus:
		collectNeeds(re.Sub[0], out)
	case syntax.OpRepeat:
		if re.Min < 1 {
			return
		}
		if set, ok := singleChar(re.Sub[0]); ok {
			*out = append(*out, need{set: set, run: re.Min})
			return
		}
		collectNeeds(re.Sub[0], out)
	case syntax.OpLiteral, syntax.OpCharClass, syntax.OpAlternate:
		if set, nullable := first(re); !nullable {
			*out = append(*out, need{set: set, run: 1})
		}
	}
}

// singleChar is the byte set of a one-character expression.
func singleChar(re *syntax.Regexp) ([256]bool, bool) {
	switch re.Op {
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		set, _ := first(re)
		return set, true
	case syntax.OpLiteral:
		if len(re.Rune) == 1 {
			set, _ := first(re)
			return set, true
		}
	}
	return [256]bool{}, false
}

// first is the set of bytes a match of re can start with, and whether re
// can match the empty string.
func first(re *syntax.Regexp) (set [256]bool, nullable bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return set, true
		}
		addRune(&set, re.Rune[0], re.Flags&syntax.FoldCase != 0)
		return set, false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if r >= 0x80 {
					markHigh(&set)
					break
				}
				set[r] = true
			}
		}
		return set, false
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		for i := range set {
			set[i] = re.Op == syntax.OpAnyChar || i != '\n'
		}
		return set, false
	case syntax.OpCapture, syntax.OpPlus:
		return first(re.Sub[0])
	case syntax.OpRepeat:
		s, n := first(re.Sub[0])
		return s, n || re.Min == 0
	case syntax.OpStar, syntax.OpQuest:
		s, _ := first(re.Sub[0])
		return s, true
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			s, n := first(sub)
			union(&set, &s)
			if !n {
				return set, false
			}
		}
		return set, true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			s, n := first(sub)
			union(&set, &s)
			nullable = nullable || n
		}
		return set, nullable
	}
	// Anchors, word boundaries, empty match: zero-width.
	return set, true
}

func addRune(set *[256]bool, r rune, fold bool) {
	rs := []rune{r}
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			rs = append(rs, f)
		}
	}
	for _, r := range rs {
		if r >= 0x80 {
			markHigh(set)
		} else {
			set[r] = true
		}
	}
}

func markHigh(set *[256]bool) {
	for i := 0x80; i < 256; i++ {
		set[i] = true
	}
}

func union(a, b *[256]bool) {
	for i := range a {
		a[i] = a[i] || b[i]
	}
}

// minLen is a lower bound of the byte length of any match.
func minLen(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture:
		return minLen(re.Sub[0])
	case syntax.OpPlus:
		return minLen(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min * minLen(re.Sub[0])
	case syntax.OpConcat:
		n := 0
		for _, s := range re.Sub {
			n += minLen(s)
		}
		return n
	case syntax.OpAlternate:
		m := -1
		for _, s := range re.Sub {
			if l := minLen(s); m < 0 || l < m {
				m = l
			}
		}
		return max(m, 0)
	}
	return 0
}

// possible reports whether text can satisfy every need.
func possible(text string, needs []need) bool {
	for i := range needs {
		n := &needs[i]
		run, ok := 0, false
		for j := 0; j < len(text); j++ {
			if n.set[text[j]] {
				run++
				if run >= n.run {
					ok = true
					break
				}
			} else {
				run = 0
			}
		}
		if !ok {
			return false
		}
	}
	return true
}
