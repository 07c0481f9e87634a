package history

import (
	"fmt"
	"strings"
)

// remedy is the full advice for a secret found in a commit. A deleted key
// is still in every clone's history: rotation is the fix, rewriting
// history is optional and does not un-leak it. How to rotate a kind of
// key is the rule's remedy in rules.yaml (rules.RuleDoc.Remedy).
func remedy(how string) string {
	return "The key is compromised even if a later commit deleted it: rotate it now. " + how +
		" Rewriting history is optional and does not un-leak it."
}

// stagedRemedy is the advice for a secret in the staged diff: it has not
// been committed yet.
func stagedRemedy(how string) string {
	return "Unstage it and keep it out of the repository; if this key was ever committed, pushed or shared, rotate it. " + how
}

// message is a finding's message: what, where in history, and the remedy
// (how: the rule's remedy).
func message(how string, o *occurrence, count int) string {
	var b strings.Builder
	b.WriteString(o.kind)
	fmt.Fprintf(&b, " (%s)", o.shown)
	if o.commit == nil {
		b.WriteString(" in the staged changes. ")
		b.WriteString(stagedRemedy(how))
		return b.String()
	}
	fmt.Fprintf(&b, " added in commit %s by %s on %s", short(o.commit.SHA), o.commit.Author, o.commit.Date)
	if count > 1 {
		fmt.Fprintf(&b, " (found in %d commits; this is the earliest)", count)
	}
	b.WriteString(". ")
	b.WriteString(remedy(how))
	return b.String()
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}
