package main

// Placeholder: replaced by lint.go, vettool.go, explain.go, version.go.

func runLint(args []string) int    { return 2 }
func runExplain(args []string) int { return 2 }
func runRules(args []string) int   { return 2 }
func runVersion(args []string) int { return 2 }
func isVetTool(args []string) bool { return false }
func runVetTool()                  {}
