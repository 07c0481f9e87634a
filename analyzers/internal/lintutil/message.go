package lintutil

import (
	"fmt"
	"strings"
	"unicode"
)

// MaxMessage is the longest diagnostic message, rule id prefix included:
// one line in a terminal, an editor hover or a review comment, like
// staticcheck's and gosec's. The why, the before/after and the role to
// grant live in the rule's docs (`keyless explain`, SARIF help).
const MaxMessage = 200

// CheckMessage returns an error when msg is not one short line that
// says each thing once: longer than MaxMessage, more than one line, or a
// phrase of three words said twice (advice repeated).
func CheckMessage(msg string) error {
	if n := len([]rune(msg)); n > MaxMessage {
		return fmt.Errorf("message has %d characters, more than %d", n, MaxMessage)
	}
	if strings.ContainsAny(msg, "\r\n") {
		return fmt.Errorf("message has more than one line")
	}
	words := strings.FieldsFunc(msg, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '-'
	})
	seen := map[string]bool{}
	for i := 0; i+3 <= len(words); i++ {
		if properName(words[i : i+3]) {
			continue // "Storage Blob Data" Reader or … Contributor
		}
		p := strings.ToLower(strings.Join(words[i:i+3], " "))
		if seen[p] {
			return fmt.Errorf("message says %q twice", p)
		}
		seen[p] = true
	}
	return nil
}

// properName reports words that are all capitalized: part of a product
// or role name, which two alternatives may share.
func properName(words []string) bool {
	for _, w := range words {
		if !unicode.IsUpper([]rune(w)[0]) {
			return false
		}
	}
	return true
}
