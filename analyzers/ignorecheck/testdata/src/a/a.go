package a

func valid() {
	//keyless:ignore keyauth/azopenai-key-credential -- local emulator only, no real key
	_ = 1
	_ = 2 //keyless:ignore ignore/unknown-rule -- documented rule ids are known, whatever their analyzer
}

// Expectations sit on the line above each directive ("want +1"): an
// expectation written inside the directive would become its reason.

func missingReason() {
	_ = 0 // want +1 `ignore/missing-reason: keyless:ignore has no reason, so it suppresses nothing; write "//keyless:ignore keyauth/azopenai-key-credential -- <why this is acceptable>"`
	//keyless:ignore keyauth/azopenai-key-credential
	_ = 1 // want +1 `ignore/missing-reason: keyless:ignore has no reason`
	//keyless:ignore keyauth/azopenai-key-credential --
	_ = 2 // want +1 `ignore/missing-reason`
	//keyless:ignore keyauth/azopenai-key-credential because reasons
	_ = 3
}

func unknownRule() {
	_ = 0 // want +1 `ignore/unknown-rule: keyless:ignore names unknown rule "keyauth/azopenai-key-cred", so it suppresses nothing; did you mean "keyauth/azopenai-key-credential"\?`
	//keyless:ignore keyauth/azopenai-key-cred -- emulator
	_ = 1 // want +1 `ignore/unknown-rule: .*did you mean "keyauth/azopenai-key-credential"\?`
	//keyless:ignore keyauth/azopenai-key-credentail -- typo
	_ = 2 // want +1 `ignore/unknown-rule: keyless:ignore names unknown rule "nosuchanalyzer/whatever", so it suppresses nothing; see "keyless rules"`
	//keyless:ignore nosuchanalyzer/whatever -- nope
	_ = 3 // want +1 `ignore/unknown-rule: keyless:ignore names unknown rule "ignore/", so it suppresses nothing; did you mean one of "ignore/missing-reason", "ignore/unknown-rule"\?`
	//keyless:ignore ignore/ -- truncated
	_ = 4 // want +1 `ignore/unknown-rule: keyless:ignore names no rule`
	//keyless:ignore -- reason but no id
	_ = 5
}

func both() {
	_ = 0 // want +1 `ignore/unknown-rule: keyless:ignore names no rule` `ignore/missing-reason: .*<rule-id>`
	//keyless:ignore
	_ = 1 // want +1 `ignore/unknown-rule` `ignore/missing-reason`
	//keyless:ignore keyauth/nope
	_ = 2
}

func notDirectives() {
	//keyless:ignored keyauth/azopenai-key-credential
	// keyless:ignore is documented in the README
	/* //keyless:ignore keyauth/nope */
	_ = 1
}
