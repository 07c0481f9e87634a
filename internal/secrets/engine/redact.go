package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"unicode/utf8"
)

// Redact is the only form in which keyless shows a secret: at most a
// 4-character prefix (fewer for short secrets: one character per 8),
// "…", and the length in characters, e.g. "AbCd…(84)".
func Redact(s string) string {
	n := utf8.RuneCountInString(s)
	keep := min(4, n/8)
	i := 0
	for k := 0; k < keep; k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i] + "…(" + strconv.Itoa(n) + ")"
}

// Hash identifies a secret without revealing it: hex SHA-256 of the secret
// under a keyless-specific prefix (so the value cannot be looked up in
// tables of plain hashes). Fingerprints and baselines use it.
func Hash(s string) string {
	h := sha256.Sum256([]byte("keyless/secret/v1\x00" + s))
	return hex.EncodeToString(h[:])
}
