package safegit

import (
	"strconv"
	"strings"
)

// pathFromDiffGit takes the new path from "a/X b/Y" when it is
// unambiguous (the +++ line, when present, overrides it).
func pathFromDiffGit(s string) string {
	if strings.HasPrefix(s, `"`) {
		// quoted old name; the new name follows
		if _, rest, ok := unquoteC(s); ok {
			if p, ok := parsePatchPath(strings.TrimPrefix(rest, " "), "b/"); ok {
				return p
			}
		}
		return ""
	}
	// Unquoted: "a/X b/X" where X may contain spaces; when both names are
	// equal the split is at the middle.
	if n := len(s); n%2 == 1 {
		a, b := s[:n/2], s[n/2+1:]
		if strings.HasPrefix(a, "a/") && strings.HasPrefix(b, "b/") && a[2:] == b[2:] {
			return b[2:]
		}
	}
	if i := strings.LastIndex(s, " b/"); i >= 0 {
		return s[i+3:]
	}
	return ""
}

// parsePatchPath decodes a name from a ---/+++ line: C-quoted when it has
// special characters, else raw with a trailing TAB when it has a space.
func parsePatchPath(name, prefix string) (string, bool) {
	if strings.HasPrefix(name, `"`) {
		s, _, ok := unquoteC(name)
		if !ok {
			return "", false
		}
		name = s
	} else {
		name = strings.TrimSuffix(name, "\t")
	}
	if !strings.HasPrefix(name, prefix) {
		return "", false
	}
	return name[len(prefix):], true
}

// unquoteC decodes git's C-style quoted name at the start of s and returns
// it with the rest of s.
func unquoteC(s string) (string, string, bool) {
	if !strings.HasPrefix(s, `"`) {
		return "", s, false
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			return b.String(), s[i+1:], true
		case c != '\\':
			b.WriteByte(c)
		case i+1 >= len(s):
			return "", s, false
		default:
			i++
			switch e := s[i]; e {
			case 'a':
				b.WriteByte('\a')
			case 'b':
				b.WriteByte('\b')
			case 't':
				b.WriteByte('\t')
			case 'n':
				b.WriteByte('\n')
			case 'v':
				b.WriteByte('\v')
			case 'f':
				b.WriteByte('\f')
			case 'r':
				b.WriteByte('\r')
			case '0', '1', '2', '3':
				if i+2 >= len(s) {
					return "", s, false
				}
				v, err := strconv.ParseUint(s[i:i+3], 8, 8)
				if err != nil {
					return "", s, false
				}
				b.WriteByte(byte(v))
				i += 2
			default:
				b.WriteByte(e)
			}
		}
	}
	return "", s, false
}
