package plain

func f() {
	_ = 0 // want +1 `ignore/unknown-rule: keyless:ignore names unknown rule "team/custom"` `ignore/missing-reason`
	//keyless:ignore team/custom
	_ = 1
}
