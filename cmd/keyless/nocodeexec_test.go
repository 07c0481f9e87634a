package main

// keyless runs no code from what it scans. A repository whose
// configuration names programs (fsmonitor, hooks, external diff, textconv
// and filter drivers, pager, gpg, ssh) is scanned by every mode of
// `keyless history` and by the git-using modes of `keyless lint`
// (-new-from-rev, -staged) without running any of them; the same
// configuration does run them under a plain git (the control). Symbolic
// links out of the scanned tree are not followed: not by lint (Go files),
// not by history (git stores links as links; .gitleaksignore, -baseline
// and -config through a link are refused).

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/secrets/corpus"
	"github.com/keyless-dev/keyless/testdata/historyrepo"
)

// evilRepo returns the fixture repository configured to run trap at
// every opportunity git offers (historyrepo.Trap.Arm), with a staged Go
// change and a staged secret, and a signed commit.
func evilRepo(t *testing.T) (fx *historyrepo.Fixture, trap *historyrepo.Trap) {
	t.Helper()
	fx = e2eFixture(t)
	trap, err := historyrepo.NewTrap(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	git := func(args ...string) {
		t.Helper()
		if err := historyrepo.Git(fx.Dir, nil, args...); err != nil {
			t.Fatal(err)
		}
	}
	// Stage before the configuration is armed (git add would run the
	// clean filter and fsmonitor).
	os.WriteFile(filepath.Join(fx.Dir, "main.go"), []byte("package main\n\nfunc main() { println(\"changed\") }\n"), 0o644)
	os.WriteFile(filepath.Join(fx.Dir, ".gitattributes"), []byte("* diff=evil filter=evil merge=evil\n"), 0o644)
	key := corpus.New(20260409).OpenAIKey()
	os.WriteFile(filepath.Join(fx.Dir, "staged.env"), []byte("AZURE_OPENAI_API_KEY="+key+"\n"), 0o644)
	git("add", "main.go", ".gitattributes", "staged.env")
	if err := historyrepo.AddSignedBranch(fx.Dir); err != nil {
		t.Fatal(err)
	}
	if err := trap.Arm(fx.Dir); err != nil {
		t.Fatal(err)
	}
	trap.Ran()
	return fx, trap
}

func TestNoCodeExecution(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test: builds the binary")
	}
	fx, trap := evilRepo(t)
	baseline := filepath.Join(t.TempDir(), "baseline.json")
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"history", []string{"history"}, 1},
		{"history -format sarif", []string{"history", "-format", "sarif"}, 1},
		{"history -since", []string{"history", "-since", fx.Since}, 1},
		{"history -staged", []string{"history", "-staged"}, 1},
		{"history -log-opts", []string{"history", "-log-opts", "main feature signed"}, 1},
		{"history -log-opts -p --follow", []string{"history", "-log-opts", "--all --ext-diff --textconv --show-signature"}, -1},
		{"baseline", []string{"baseline", "-baseline", baseline}, 0},
		{"lint -new-from-rev", []string{"lint", "-new-from-rev", "HEAD~1", "./..."}, 0},
		{"lint -staged", []string{"lint", "-staged"}, 0},
	} {
		r := keyless(t, fx.Dir, c.args...)
		if c.code >= 0 && r.code != c.code {
			t.Errorf("%s: exit %d, want %d\nstderr: %s", c.name, r.code, c.code, r.stderr)
		}
		if ran := trap.Ran(); ran != "" {
			t.Errorf("%s ran a program the repository configures:\n%s", c.name, ran)
		}
	}

	// Control: a plain git with the same configuration does run them, so
	// the runs above prove something.
	for _, args := range [][]string{
		{"diff", "--cached"},          // fsmonitor, textconv (history -staged, lint -staged)
		{"diff", "HEAD~1"},            // external diff (lint -new-from-rev)
		{"log", "-p", "-1", "signed"}, // gpg, textconv, pager
	} {
		plain := exec.Command("git", append([]string{"-C", fx.Dir}, args...)...)
		plain.Env = historyrepo.FixedEnv()
		plain.Run()
		if trap.Ran() == "" {
			t.Errorf("control: plain git %s ran no program; the test proves nothing", strings.Join(args, " "))
		}
	}
}

func TestSymlinksNotFollowed(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test: builds the binary")
	}
	g := corpus.New(20260410)
	outsideKey, insideKey, token := g.OpenAIKey(), g.AIServicesKey(), g.GitHubPAT()
	values := []string{outsideKey, token}
	outside := t.TempDir()
	writeTree(t, outside, map[string]string{
		"secret.go":         "package p\n\nconst K = \"" + outsideKey + "\"\n",
		"env":               "GITHUB_TOKEN=" + token + "\nAZURE_OPENAI_API_KEY=" + outsideKey + "\n",
		"git-credentials":   "https://ci:" + token + "@github.com\n",
		"rules.yaml":        token + ": true\n",
		"baseline.json":     `{"` + token + `": 1}`,
		"nothing-secret.go": "package q\n",
	})

	t.Run("lint", func(t *testing.T) {
		mod := t.TempDir()
		writeTree(t, mod, map[string]string{
			"go.mod":      "module example.com/sym\n\ngo 1.22\n",
			"p/p.go":      "package p\n",
			"q/q.go":      "package q\n",
			"r/r.go":      "package r\n",
			"shared/s.go": "package r\n\nconst Inside = \"" + insideKey + "\"\n",
		})
		for link, target := range map[string]string{
			"p/x.go": filepath.Join(outside, "secret.go"), // valid Go, with a secret
			"q/y.go": filepath.Join(outside, "env"),       // not Go: go list quotes it
			"r/z.go": "../shared/s.go",                    // inside the module: read
		} {
			if err := os.Symlink(target, filepath.Join(mod, filepath.FromSlash(link))); err != nil {
				t.Fatal(err)
			}
		}
		for _, format := range []string{"text", "json"} {
			r := keyless(t, mod, "lint", "-format", format, "./p", "./q", "./r")
			if r.code != 2 {
				t.Errorf("%s: exit %d, want 2\n%s", format, r.code, r.stderr)
			}
			for _, f := range []string{"p/x.go", "q/y.go"} {
				if !bytes.Contains(r.stderr, []byte(f+": symbolic link to a file outside the module: not read")) {
					t.Errorf("%s: stderr does not say %s is not read:\n%s", format, f, r.stderr)
				}
			}
			if bytes.Contains(r.stdout, []byte("p/x.go")) {
				t.Errorf("%s: a finding in the file outside the module:\n%s", format, r.stdout)
			}
			// The link inside the module is followed: its secret is found.
			if !bytes.Contains(r.stdout, []byte("r/z.go")) {
				t.Errorf("%s: no finding in r/z.go (a link inside the module):\n%s", format, r.stdout)
			}
			checkNoLeak(t, "lint "+format, values, r.stdout, r.stderr)
			if bytes.Contains(append(r.stdout, r.stderr...), []byte("GITHUB_TOKEN")) {
				t.Errorf("%s: output quotes the file outside the module:\n%s", format, r.stderr)
			}
		}
		// -config through a link out of the tree is refused.
		os.Symlink(filepath.Join(outside, "rules.yaml"), filepath.Join(mod, ".keyless.yaml"))
		r := keyless(t, mod, "lint", "-config", ".keyless.yaml", "./r")
		if r.code != 2 || !bytes.Contains(r.stderr, []byte(".keyless.yaml: symbolic link to a file outside the tree being scanned: not read")) {
			t.Errorf("-config through a link: exit %d\n%s", r.code, r.stderr)
		}
		checkNoLeak(t, "lint -config link", values, r.stdout, r.stderr)
	})

	t.Run("history", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "repo")
		im, err := historyrepo.NewImporter(dir)
		if err != nil {
			t.Fatal(err)
		}
		im.Commit("main", "", "init", historyrepo.Put("README.md", "# links\n"))
		if _, err := im.Close(); err != nil {
			t.Fatal(err)
		}
		// Links to secret files outside, committed and staged.
		os.Symlink(filepath.Join(outside, "env"), filepath.Join(dir, "committed.env"))
		if err := historyrepo.Git(dir, nil, "add", "committed.env"); err != nil {
			t.Fatal(err)
		}
		if err := historyrepo.Git(dir, nil, "commit", "-q", "--no-verify", "-m", "link"); err != nil {
			t.Fatal(err)
		}
		os.Symlink(filepath.Join(outside, "secret.go"), filepath.Join(dir, "staged.go"))
		if err := historyrepo.Git(dir, nil, "add", "staged.go"); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"history", "-format", "json"}, {"history", "-staged", "-format", "json"}} {
			r := keyless(t, dir, args...)
			if r.code != 0 {
				t.Errorf("%v: exit %d, want 0 (a link is its target's path, not its content)\n%s%s", args, r.code, r.stdout, r.stderr)
			}
			checkNoLeak(t, strings.Join(args, " "), values, r.stdout, r.stderr)
		}
		// .gitleaksignore and -baseline through links out of the tree.
		os.Symlink(filepath.Join(outside, "git-credentials"), filepath.Join(dir, ".gitleaksignore"))
		r := keyless(t, dir, "history")
		if r.code != 2 || !bytes.Contains(r.stderr, []byte(".gitleaksignore: symbolic link to a file outside the tree being scanned: not read")) {
			t.Errorf(".gitleaksignore through a link: exit %d\n%s", r.code, r.stderr)
		}
		checkNoLeak(t, ".gitleaksignore link", values, r.stdout, r.stderr)
		os.Remove(filepath.Join(dir, ".gitleaksignore"))
		os.Symlink(filepath.Join(outside, "baseline.json"), filepath.Join(dir, "baseline.json"))
		r = keyless(t, dir, "history", "-baseline", "baseline.json")
		if r.code != 2 || !bytes.Contains(r.stderr, []byte("baseline.json: symbolic link to a file outside the tree being scanned: not read")) {
			t.Errorf("-baseline through a link: exit %d\n%s", r.code, r.stderr)
		}
		checkNoLeak(t, "-baseline link", values, r.stdout, r.stderr)
	})
}
