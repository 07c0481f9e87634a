package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMain removes the keyless binary and the rendered fixture that the
// end-to-end tests of this package share (keylessBin and e2eDir build
// them once per test binary).
func TestMain(m *testing.M) {
	code := m.Run()
	if historyBin != "" {
		os.RemoveAll(filepath.Dir(historyBin))
	}
	if e2eRendered != "" {
		os.RemoveAll(e2eRendered)
	}
	os.Exit(code)
}
