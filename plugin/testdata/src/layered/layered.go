package layered

// With the team's rules file, team/custom is a known rule and
// ignore/missing-reason is disabled: nothing to report.
func f() {
	//keyless:ignore team/custom
	_ = 1
}
