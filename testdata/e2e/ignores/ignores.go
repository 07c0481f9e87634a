// Package ignores holds malformed suppression comments.
package ignores

// F has ignore comments keyless must report.
func F() int {
	//keyless:ignore keyauth/azopenai-key-credential
	a := 1 // the comment above: want-above: ignore/missing-reason
	//keyless:ignore keyauth/azopenai -- typo in the rule id
	b := 2 // the comment above: want-above: ignore/unknown-rule
	return a + b
}
