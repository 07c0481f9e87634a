package history

// mayHaveEncoded reports whether gitleaks' decoding pass could find an
// encoded segment in text. It over-approximates the candidates of
// gitleaks v8.30.1's detect/codec (encodings.go) and their decoders'
// cheap rejections:
//
//   - percent  %[0-9A-Fa-f]{2}…          → a '%' and two hex digits
//   - unicode  U\+[0-9A-Fa-f]{4}, (?i)\\{1,2}u[0-9A-Fa-f]{4}
//     → "U+" or "\u" / "\U" and four hex digits
//   - hex      [0-9A-Fa-f]{32,} that decodeHex tries only with a digit,
//   - base64   [\w/+-]{16,}={0,2} that decodeBase64 tries only with one of
//     0-9 + / - _ → a run of at least 16 of [A-Za-z0-9_/+-] holding one of
//     those (a hex run is such a run).
//
// When it is false the decoding pass finds no segment, so a detector with
// MaxDecodeDepth 0 returns exactly what one with decoding returns, without
// running the encodings regex over the hunk (a sixth of the scan's CPU on
// typical code). TestMayHaveEncodedSound checks the equivalence.
func mayHaveEncoded(text []byte) bool {
	run, likely := 0, false
	for i, c := range text {
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			run++
		case '0' <= c && c <= '9' || c == '_' || c == '/' || c == '+' || c == '-':
			run++
			likely = true
		default:
			run, likely = 0, false
		}
		if run >= 16 && likely {
			return true
		}
		switch c {
		case '%':
			if hexAt(text, i+1, 2) {
				return true
			}
		case '+':
			if i > 0 && (text[i-1] == 'U' || text[i-1] == 'u') && hexAt(text, i+1, 4) {
				return true
			}
		case '\\':
			if i+1 < len(text) && (text[i+1] == 'u' || text[i+1] == 'U') && hexAt(text, i+2, 4) {
				return true
			}
		}
	}
	return false
}

// hexAt reports whether text[i:i+n] is n hex digits.
func hexAt(text []byte, i, n int) bool {
	if i+n > len(text) {
		return false
	}
	for _, c := range text[i : i+n] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
