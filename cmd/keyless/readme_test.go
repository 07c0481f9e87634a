package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeExample is the README's first command: keyless on the example
// module shipped in testdata/example, printing its fixes as a diff.
var readmeExample = regexp.MustCompile(`(?m)^go run \./cmd/keyless (lint -C testdata/example .*)$`)

// TestReadmeFirstCommand runs the README's first command (with the built
// binary in place of `go run ./cmd/keyless`, from the repository root) and
// checks that a newcomer sees real findings and a fix diff.
func TestReadmeFirstCommand(t *testing.T) {
	bin := lintBin(t)
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := readmeExample.FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no `go run ./cmd/keyless lint -C testdata/example …` command")
	}
	args := strings.Fields(string(m[1]))
	r := exe(t, root, bin, args...)
	if r.code != 1 {
		t.Fatalf("keyless %s: exit %d, want 1 (findings)\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		"--- a/main.go", "+++ b/main.go",
		"+\t\"github.com/Azure/azure-sdk-for-go/sdk/azidentity\"",
		"azidentity.NewDefaultAzureCredential(nil)",
		"azopenai.NewClient(", "azblob.NewClient(",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the fix diff lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, want := range []string{"keyauth/azopenai-key-credential", "keyauth/storage-shared-key"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("the findings on stderr lack %s:\n%s", want, r.stderr)
		}
	}
}
