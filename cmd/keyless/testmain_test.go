package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMain removes the keyless binary that the end-to-end tests of this
// package share (keylessBin builds it once per test binary).
func TestMain(m *testing.M) {
	code := m.Run()
	if historyBin != "" {
		os.RemoveAll(filepath.Dir(historyBin))
	}
	os.Exit(code)
}
