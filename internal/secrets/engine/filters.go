package engine

import (
	"math"
	"regexp"
	"strings"
)

// ShannonEntropy is the Shannon entropy of s in bits per character, as
// gitleaks computes it (over runes).
func ShannonEntropy(s string) float64 {
	if s == "" {
		return 0
	}
	var ascii [128]int
	var other map[rune]int
	n := 0
	for _, c := range s {
		n++
		if c < 128 {
			ascii[c]++
			continue
		}
		if other == nil {
			other = map[rune]int{}
		}
		other[c]++
	}
	inv := 1 / float64(len(s)) // gitleaks divides by the byte length
	var h float64
	add := func(count int) {
		if count > 0 {
			f := float64(count) * inv
			h -= f * math.Log2(f)
		}
	}
	for _, c := range ascii {
		add(c)
	}
	for _, c := range other {
		add(c)
	}
	return h
}

var (
	uuidRe   = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	envVarRe = regexp.MustCompile(`^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$`)
)

// placeholderWords mark a value someone is meant to replace.
var placeholderWords = []string{
	"example", "placeholder", "your-", "your_", "yourkey", "yourapi", "yoursecret", "replace", "changeme", "change-me", "change_me",
	"dummy", "sample", "xxxxx", "*****", "<", ">", "${", "{{", "redacted", "insert", "notasecret", "not-a-secret", "not_a_secret",
	// Keyboard sequences: "0123456789abcdef…" is typed, not generated.
	"0123456789", "123456789", "abcdefghij", "qwertyuiop",
}

// Placeholder reports whether a candidate secret is a stand-in rather than
// a credential: a UUID (role and resource GUIDs are UUIDs), an environment
// variable name, a template or "<your-key>"-style placeholder, or a value
// with almost no variety (all zeros, "xxxx…", one character repeated).
func Placeholder(s string) bool {
	if uuidRe.MatchString(s) || envVarRe.MatchString(s) {
		return true
	}
	if len(s) < 120 {
		if distinct(s) <= 4 || longestRun(s) >= 8 {
			return true
		}
		l := strings.ToLower(s)
		for _, w := range placeholderWords {
			if strings.Contains(l, w) {
				return true
			}
		}
	}
	return false
}

func distinct(s string) int {
	var seen [256]bool
	n := 0
	for i := 0; i < len(s); i++ {
		if !seen[s[i]] {
			seen[s[i]] = true
			n++
		}
	}
	return n
}

func longestRun(s string) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i] == s[i-1] {
			run++
		} else {
			run = 1
		}
		if run > best {
			best = run
		}
	}
	return best
}
