package main

// File names that git C-quotes (double quotes, backslashes, non-ASCII) or
// prints with a trailing TAB (spaces) reach lint -new-from-rev, lint
// -staged and history through one patch parser (internal/safegit), so all
// three report the same files and lines.

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/secrets/corpus"
	"github.com/keyless-dev/keyless/testdata/historyrepo"
)

func TestE2EQuotedPaths(t *testing.T) {
	lintBin(t) // skips under -short
	dir := filepath.Join(t.TempDir(), "repo")
	git := func(args ...string) {
		t.Helper()
		if err := historyrepo.Git(dir, nil, args...); err != nil {
			t.Fatal(err)
		}
	}
	g := corpus.New(20261203) // keys made at test time, none committed
	var keys []string
	keyDecl := func() string {
		k := g.OpenAIKey()
		keys = append(keys, k)
		return fmt.Sprintf("const key%d = %q", len(keys), k)
	}

	// Go package directories must be valid import paths, so the unusual
	// characters are in the file names.
	existing := []string{
		"pkg/a b.go",                  // a space: unquoted, a TAB ends the ---/+++ names
		`pkg/q"uote.go`,               // C-quoted: \"
		`pkg/back\slash.go`,           // C-quoted: \\
		`pkg/données "clé" \ tous.go`, // all of them, and octal escapes for é
	}
	added := []string{"pkg/clé.go", `pkg/nouveau "x" \ é.go`}
	base := map[string]string{
		"go.mod":     "module example.com/quoted\n\ngo 1.22\n",
		"pkg/doc.go": "// Package pkg has file names git quotes.\npackage pkg\n",
	}
	for i, name := range existing {
		base[name] = "package pkg\n\n// one\n// two\n// three\n"
		if i == 0 {
			// A secret on a line the change leaves alone: reported by
			// none of the three.
			base[name] = "package pkg\n\n// one\n" + keyDecl() + "\n// three\n"
		}
	}
	writeTree(t, dir, base)
	git("init", "-q", "-b", "main")
	git("add", "-A")
	git("commit", "-q", "-m", "base")

	type at struct {
		path string
		line int
	}
	var want []at
	for _, name := range existing {
		// Two lines inserted after line 3: the key lands on line 5.
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(src), "\n")
		changed := strings.Join(lines[:3], "") + "// added\n" + keyDecl() + "\n" + strings.Join(lines[3:], "")
		writeTree(t, dir, map[string]string{name: changed})
		want = append(want, at{name, 5})
	}
	for _, name := range added {
		writeTree(t, dir, map[string]string{name: "package pkg\n\n" + keyDecl() + "\n"})
		want = append(want, at{name, 3})
	}
	git("add", "-A")
	slices.SortFunc(want, func(a, b at) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })

	// run runs keyless and returns where it reported a secret, by secret
	// rule (hardcodedsecret/<id> and history/<id> name the same secret).
	run := func(args ...string) []at {
		t.Helper()
		r := keyless(t, dir, append(args, "-format", "json")...)
		if r.code != 1 {
			t.Fatalf("keyless %q: exit %d, want 1\n%s", args, r.code, r.stderr)
		}
		assertNoSecret(t, fmt.Sprintf("keyless %q", args), append(r.stdout, r.stderr...), keys...)
		var got []at
		for _, f := range parseJSON(t, r.stdout) {
			if _, id, _ := strings.Cut(f.RuleID, "/"); id != "azure-openai-key" {
				t.Errorf("keyless %q: unexpected finding %s at %q:%d", args, f.RuleID, f.Path, f.Line)
				continue
			}
			got = append(got, at{f.Path, f.Line})
		}
		slices.SortFunc(got, func(a, b at) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		return got
	}
	check := func(args ...string) {
		t.Helper()
		if got := run(args...); !slices.Equal(got, want) {
			t.Errorf("keyless %q reports\n%v\nwant\n%v", args, got, want)
		}
	}

	// Staged, not committed (as in a pre-commit hook).
	check("lint", "-staged")
	check("lint", "-new-from-rev", "HEAD")
	check("history", "-staged")
	// Committed.
	git("commit", "-q", "-m", "quoted names")
	check("lint", "-new-from-rev", "main~1")
	check("history", "-since", "main~1")
}
