package disabled

func f() {
	//keyless:ignore keyauth/azopenai-key-credential
	_ = 1 // want +1 `ignore/unknown-rule`
	//keyless:ignore keyauth/nope -- typo is still reported
	_ = 2
}
