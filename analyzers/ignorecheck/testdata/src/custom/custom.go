package custom

func f() {
	//keyless:ignore team/custom -- rule added by the team's rules file
	_ = 1
}
