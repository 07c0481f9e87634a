package history

import (
	"bytes"
	"sort"
	"strings"
)

// encodedSpan locates a secret that gitleaks found in decoded text
// (base64, hex, percent-encoding; MaxDecodeDepth): the run of encoding
// characters where gitleaks' start column points. gitleaks counts columns
// of a fragment's first line from 1 and of later lines from the newline
// before them, and points one byte before an encoded segment; the start
// is clamped to the line.
func encodedSpan(text []byte, lineStart, lineIdx, startColumn int) (int, int) {
	lineEnd := len(text)
	if i := bytes.IndexByte(text[lineStart:], '\n'); i >= 0 {
		lineEnd = lineStart + i
	}
	start := lineStart + startColumn - 1
	if lineIdx == 0 {
		start = startColumn
	}
	start = clamp(start, lineStart, lineEnd)
	end := start
	for end < lineEnd && isEncodingByte(text[end]) {
		end++
	}
	return start, end
}

func isEncodingByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("+/=_%-", c) >= 0
}

func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}

// lineStarts returns the byte offset of each line of text.
func lineStarts(text []byte) []int {
	starts := []int{0}
	for i, c := range text {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// position converts a byte offset into a 0-based line index and a 1-based
// byte column.
func position(starts []int, off int) (int, int) {
	i := sort.Search(len(starts), func(i int) bool { return starts[i] > off }) - 1
	return i, off - starts[i] + 1
}
