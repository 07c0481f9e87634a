package main

// Placeholder: replaced by history.go and baseline.go.

func runHistory(args []string) int  { return 2 }
func runBaseline(args []string) int { return 2 }
