// Package ignorecheck defines an Analyzer that reports //keyless:ignore
// comments that give no reason or name a rule keyless does not know.
//
// # Analyzer ignorecheck
//
// ignorecheck: reports //keyless:ignore comments that give no reason or name a rule keyless does not know
//
// A suppression comment reads
//
//	//keyless:ignore <rule-id> -- <reason>
//
// on the line of a finding or the line above it. Without a reason it
// suppresses nothing and is reported as ignore/missing-reason; a rule id
// that `keyless rules` does not list (often a typo) is reported as
// ignore/unknown-rule, with the closest known id when there is one.
package ignorecheck

import _ "embed"

//go:embed doc.go
var doc string
