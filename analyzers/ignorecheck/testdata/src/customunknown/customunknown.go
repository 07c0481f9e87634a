package customunknown

func f() {
	_ = 0 // want +1 `ignore/unknown-rule: keyless:ignore names unknown rule "team/custom"`
	//keyless:ignore team/custom -- rule only a team file defines
	_ = 1
}
