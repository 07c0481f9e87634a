package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMain gives the tests (and the keyless processes they start) a
// cache directory of their own, and removes it, the keyless binary and
// the rendered fixture that the end-to-end tests of this package share
// (keylessBin and e2eDir build them once per test binary).
func TestMain(m *testing.M) {
	cache := ""
	if os.Getenv("KEYLESS_CACHE") == "" {
		if d, err := os.MkdirTemp("", "keyless-test-cache-"); err == nil {
			cache = d
			os.Setenv("KEYLESS_CACHE", d)
		}
	}
	code := m.Run()
	if historyBin != "" {
		os.RemoveAll(filepath.Dir(historyBin))
	}
	if cache != "" {
		os.RemoveAll(cache)
	}
	if e2eRendered != "" {
		os.RemoveAll(e2eRendered)
	}
	os.Exit(code)
}
