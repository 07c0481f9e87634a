package main

// Bad input, end to end on the built binary: one row per case, each with
// the exact exit code and what stderr (and stdout, where it matters)
// says. keyless never panics (the keyless helper fails on a trace) and
// answers a bad input with exit code 2 and a reason; a scan that can
// still run (a shallow clone, a detached HEAD, binary blobs, a huge
// string literal) runs.

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/secrets/corpus"
	"github.com/keyless-dev/keyless/testdata/historyrepo"
)

type badInputRow struct {
	name   string
	dir    string
	args   []string
	code   int
	stderr string // regexp stderr must match (?m: ^ and $ are lines)
	stdout string // regexp stdout must match, when not ""
	// unreadable: a file of the row is mode 000; run keyless as a user
	// the mode binds (as root, uid 65534 on a copy owned by it).
	unreadable string
}

func TestBadInput(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test: builds the binary")
	}
	g := corpus.New(20260512)
	key, token := g.OpenAIKey(), g.GitHubPAT()

	// A module with good, broken and odd packages, and rules files.
	mod := t.TempDir()
	writeTree(t, mod, map[string]string{
		"go.mod":          "module example.com/bad\n\ngo 1.22\n",
		"ok/ok.go":        "package ok\n",
		"leaky/l.go":      "package leaky\n\nconst token = \"" + token + "\"\n",
		"broken/b.go":     "package broken\n\nvar X int = \"not an int\"\n",
		"missing/m.go":    "package missing\n\nimport _ \"example.com/bad/nosuch\"\n",
		"syntax/s.go":     "package syntax\n\nfunc f() {\n",
		"empty/README":    "no Go here\n",
		"unreadable/u.go": "package unreadable\n",
		"syntax.yaml":     "keyauth: [\n  - id: x\n",
		"unknown.yaml":    "keyauth:\n  - id: x\n    titel: typo\n",
		"regex.yaml":      "secrets:\n  allowlist:\n    regexes: [\"a(b\"]\n",
		"ruleregex.yaml":  "secrets:\n  rules:\n    - id: r\n      title: t\n      severity: error\n      regex: \"a(b\"\n",
		"dup.yaml": "secrets:\n  rules:\n" +
			"    - id: dup\n      title: t\n      severity: error\n      regex: x\n" +
			"    - id: dup\n      title: t\n      severity: error\n      regex: y\n",
	})
	os.Chmod(filepath.Join(mod, "unreadable", "u.go"), 0)

	// Repositories.
	fx := e2eFixture(t)
	notRepo := t.TempDir()
	emptyRepo := t.TempDir()
	historyrepo.Git(emptyRepo, nil, "init", "-q")
	shallow := filepath.Join(t.TempDir(), "shallow")
	bare := filepath.Join(t.TempDir(), "bare.git")
	detached := filepath.Join(t.TempDir(), "detached")
	for _, args := range [][]string{
		{"clone", "-q", "--depth", "1", "file://" + fx.Dir, shallow},
		{"clone", "-q", "--bare", fx.Dir, bare},
		{"clone", "-q", "--no-checkout", fx.Dir, detached},
	} {
		if err := historyrepo.Git(".", nil, args...); err != nil {
			t.Fatal(err)
		}
	}
	// A detached HEAD holding a commit on no branch, with a secret.
	if err := historyrepo.Git(detached, nil, "checkout", "-q", "--detach", "HEAD~2"); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(detached, "detached.env"), []byte("AZURE_OPENAI_API_KEY="+key+"\n"), 0o644)
	for _, args := range [][]string{{"add", "detached.env"}, {"-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "on no branch"}} {
		if err := historyrepo.Git(detached, nil, args...); err != nil {
			t.Fatal(err)
		}
	}
	// Binary blobs, one with a key inside, and nothing else.
	blobs := filepath.Join(t.TempDir(), "blobs")
	im, err := historyrepo.NewImporter(blobs)
	if err != nil {
		t.Fatal(err)
	}
	bin := make([]byte, 1<<20)
	for i := range bin {
		bin[i] = byte(i*7 + i>>8)
	}
	im.Commit("main", "", "assets",
		historyrepo.Put("assets/logo.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"+key+"\x00\xff"+string(bin[:4096])),
		historyrepo.Put("assets/model.bin", string(bin)))
	im.Commit("main", "", "update blob", historyrepo.Put("assets/model.bin", string(bin[1:])+"\x00"+token))
	if _, err := im.Close(); err != nil {
		t.Fatal(err)
	}
	// A repository whose .gitleaksignore cannot be read.
	unreadableIgnore := filepath.Join(t.TempDir(), "ign")
	im, err = historyrepo.NewImporter(unreadableIgnore)
	if err != nil {
		t.Fatal(err)
	}
	im.Commit("main", "", "one", historyrepo.Put("a.go", "package a\n"))
	if _, err := im.Close(); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(unreadableIgnore, ".gitleaksignore"), []byte("# nothing\n"), 0)
	// A clean repository.
	clean := filepath.Join(t.TempDir(), "clean")
	im, err = historyrepo.NewImporter(clean)
	if err != nil {
		t.Fatal(err)
	}
	im.Commit("main", "", "one", historyrepo.Put("a.go", "package a\n"))
	if _, err := im.Close(); err != nil {
		t.Fatal(err)
	}
	missingConfig := filepath.Join(notRepo, "missing.yaml")

	const (
		lint = `(?m)^keyless lint: `
		hist = `(?m)^keyless history: `
	)
	rows := []badInputRow{
		// Usage.
		{name: "unknown command", dir: mod, args: []string{"frobnicate"}, code: 2, stderr: `^keyless: unknown command "frobnicate"\n`},
		{name: "lint unknown flag", dir: mod, args: []string{"lint", "-nope", "./ok"}, code: 2, stderr: `^flag provided but not defined: -nope\nusage: keyless lint`},
		{name: "lint -h", dir: mod, args: []string{"lint", "-h"}, code: 0, stderr: `^usage: keyless lint \[flags\] \[packages\]\n`},
		{name: "lint unknown format", dir: mod, args: []string{"lint", "-format", "xml", "./ok"}, code: 2, stderr: lint + `unknown format "xml" \(want text, json, sarif, github, rdjsonl, codeclimate\)\n\z`},
		{name: "lint -json with -format", dir: mod, args: []string{"lint", "-json", "-format", "sarif", "./ok"}, code: 2, stderr: lint + `-json prints the go/analysis JSON tree; use it or -format, not both\n\z`},
		{name: "lint bad -C", dir: mod, args: []string{"lint", "-C", "/nonexistent/dir", "./..."}, code: 2, stderr: lint + `-C: chdir /nonexistent/dir: no such file or directory\n\z`},
		{name: "explain unknown rule", dir: mod, args: []string{"explain", "keyauth/nope"}, code: 2, stderr: `^keyless explain: unknown rule "keyauth/nope"`},
		{name: "history unknown flag", dir: notRepo, args: []string{"history", "-nope"}, code: 2, stderr: `^flag provided but not defined: -nope\nusage: keyless history`},
		{name: "history unknown format", dir: notRepo, args: []string{"history", "-format", "xml"}, code: 2, stderr: hist + `unknown format "xml" \(want text, json, sarif, github, rdjsonl, codeclimate\)\n\z`},
		{name: "history two directories", dir: notRepo, args: []string{"history", "a", "b"}, code: 2, stderr: hist + `takes at most one directory, got 2 arguments\n\z`},
		{name: "history bad -log-opts", dir: emptyRepo, args: []string{"history", "-log-opts", "'open"}, code: 2, stderr: hist + `-log-opts: .*unterminated.*\n\z`},

		// Rules files, for lint and history alike.
		{name: "lint rules syntax error", dir: mod, args: []string{"lint", "-config", "syntax.yaml", "./ok"}, code: 2, stderr: lint + `syntax.yaml:1:1: did not find expected node content\n\z`},
		{name: "lint rules unknown key", dir: mod, args: []string{"lint", "-config", "unknown.yaml", "./ok"}, code: 2, stderr: lint + `unknown.yaml:3:5: unknown key "titel" \(known: id, title, `},
		{name: "lint rules bad regex", dir: mod, args: []string{"lint", "-config", "regex.yaml", "./ok"}, code: 2, stderr: lint + "regex.yaml:3:5: allowlist regex \"a\\(b\": bad regex: error parsing regexp: missing closing \\): `a\\(b`\n\\z"},
		{name: "lint rules bad rule regex", dir: mod, args: []string{"lint", "-config", "ruleregex.yaml", "./ok"}, code: 2, stderr: lint + "ruleregex.yaml:3:7: secret rule \"r\": bad regex: error parsing regexp: missing closing \\): `a\\(b`\n\\z"},
		{name: "lint rules duplicate id", dir: mod, args: []string{"lint", "-config", "dup.yaml", "./ok"}, code: 2, stderr: lint + `dup.yaml:7:7: duplicate rule id "hardcodedsecret/dup" \(first at dup.yaml:3:7\)\n\z`},
		{name: "lint missing rules file", dir: mod, args: []string{"lint", "-config", "nosuch.yaml", "./ok"}, code: 2, stderr: lint + `reading rules: open nosuch.yaml: no such file or directory\n\z`},
		{name: "history rules syntax error", dir: fx.Dir, args: []string{"history", "-config", filepath.Join(mod, "syntax.yaml")}, code: 2, stderr: hist + `.*/syntax.yaml:1:1: did not find expected node content\n\z`},
		{name: "history rules unknown key", dir: fx.Dir, args: []string{"history", "-config", filepath.Join(mod, "unknown.yaml")}, code: 2, stderr: hist + `.*/unknown.yaml:3:5: unknown key "titel"`},
		{name: "history rules bad regex", dir: fx.Dir, args: []string{"history", "-config", filepath.Join(mod, "regex.yaml")}, code: 2, stderr: hist + `.*/regex.yaml:3:5: allowlist regex "a\(b": bad regex: `},
		{name: "history rules duplicate id", dir: fx.Dir, args: []string{"history", "-config", filepath.Join(mod, "dup.yaml")}, code: 2, stderr: hist + `.*/dup.yaml:7:7: duplicate rule id "hardcodedsecret/dup"`},
		{name: "history missing rules file", dir: emptyRepo, args: []string{"history", "-config", missingConfig}, code: 2, stderr: hist + `reading rules: open ` + regexp.QuoteMeta(missingConfig) + `: no such file or directory\n\z`},

		// Packages.
		{name: "lint clean package", dir: mod, args: []string{"lint", "./ok"}, code: 0, stderr: `^keyless: no findings\n\z`},
		{name: "lint pattern matches nothing", dir: mod, args: []string{"lint", "./empty/..."}, code: 2, stderr: lint + `\./empty/\.\.\. matched no packages\n\z`},
		{name: "lint no such directory", dir: mod, args: []string{"lint", "./nosuch"}, code: 2, stderr: lint + `.*nosuch.*(not found|no such file)`},
		{name: "lint package does not type-check", dir: mod, args: []string{"lint", "./broken"}, code: 2, stderr: lint + `broken/b\.go:3:13: cannot use "not an int" \(untyped string constant\) as int value in variable declaration\n\z`},
		{name: "lint package fails to load", dir: mod, args: []string{"lint", "./missing"}, code: 2, stderr: lint + `missing/m\.go:3:8: no required module provides package example\.com/bad/nosuch; to add it: `},
		{name: "lint syntax error", dir: mod, args: []string{"lint", "./syntax"}, code: 2, stderr: lint + `syntax/s\.go:3:12: expected '}', found 'EOF'$`},
		// Ill-typed packages are skipped (as go vet does); the others are
		// analyzed and reported, and the run is not clean.
		{name: "lint broken and good packages", dir: mod, args: []string{"lint", "-format", "json", "./broken", "./missing", "./leaky"}, code: 2,
			stderr: lint + `broken/b\.go:3:13: cannot use`, stdout: `"ruleId": "hardcodedsecret/github-pat",\s+"severity": "error",\s+"message": "[^"]*",\s+"path": "leaky/l\.go"`},
		{name: "lint unreadable file", dir: mod, args: []string{"lint", "./unreadable"}, code: 2, unreadable: "unreadable/u.go", stderr: lint + `.*unreadable/u\.go.*permission denied`},
		{name: "lint -new-from-rev outside a repository", dir: mod, args: []string{"lint", "-new-from-rev", "HEAD", "./ok"}, code: 2, stderr: lint + `-new-from-rev: git rev-parse: fatal: not a git repository`},
		{name: "lint -staged outside a repository", dir: mod, args: []string{"lint", "-staged"}, code: 2, stderr: lint + `-staged: not a git repository: `},
		{name: "lint -new-from-rev unknown revision", dir: fx.Dir, args: []string{"lint", "-new-from-rev", "nosuchrev", "./..."}, code: 2, stderr: lint + `-new-from-rev: unknown revision "nosuchrev"\n\z`},

		// Repositories.
		{name: "history not a repository", dir: notRepo, args: []string{"history"}, code: 2, stderr: hist + `open \.: not a git repository \(or any parent up to the file system root\)\n\z`},
		{name: "history missing directory", dir: notRepo, args: []string{"history", "nope"}, code: 2, stderr: hist + `open nope: no such directory\n\z`},
		{name: "baseline not a repository", dir: notRepo, args: []string{"baseline"}, code: 2, stderr: `^keyless baseline: open \.: not a git repository`},
		{name: "history empty repository", dir: emptyRepo, args: []string{"history"}, code: 2, stderr: hist + `scan .*: no commits to scan \(empty repository\)\n\z`},
		{name: "history unknown -since", dir: fx.Dir, args: []string{"history", "-since", "no-such-rev"}, code: 2, stderr: hist + `resolve no-such-rev: unknown revision or not a commit\n\z`},
		{name: "history shallow clone", dir: shallow, args: []string{"history", "-format", "json"}, code: 1, stderr: hist + `warning: shallow clone: history before its boundary was not scanned`, stdout: `"ruleId": "history/azure-cosmos-key"`},
		{name: "history bare repository", dir: bare, args: []string{"history", "-format", "json"}, code: 1, stderr: `\A\z`, stdout: `"ruleId": "history/azure-openai-key"`},
		{name: "history -staged in a bare repository", dir: bare, args: []string{"history", "-staged"}, code: 2, stderr: hist + `.*(bare|work tree)`},
		{name: "history detached HEAD", dir: detached, args: []string{"history", "-format", "json"}, code: 1, stderr: `\A\z`, stdout: `"path": "detached\.env"`},
		{name: "history binary blobs", dir: blobs, args: []string{"history"}, code: 0, stderr: `\Akeyless: no findings\n\z`, stdout: `\A\z`},
		{name: "history unreadable .gitleaksignore", dir: unreadableIgnore, args: []string{"history"}, code: 2, unreadable: ".gitleaksignore", stderr: hist + `open \.gitleaksignore: permission denied\n\z`},
		{name: "history clean repository", dir: clean, args: []string{"history"}, code: 0, stderr: `\Akeyless: no findings\n\z`},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			var res keylessRun
			if r.unreadable != "" {
				res = keylessUnprivileged(t, r.dir, r.unreadable, r.args...)
			} else {
				res = keyless(t, r.dir, r.args...)
			}
			if res.code != r.code {
				t.Errorf("exit %d, want %d\nstderr: %s", res.code, r.code, res.stderr)
			}
			if !regexp.MustCompile(r.stderr).Match(res.stderr) {
				t.Errorf("stderr does not match %q:\n%s", r.stderr, res.stderr)
			}
			if r.stdout != "" && !regexp.MustCompile(r.stdout).Match(res.stdout) {
				t.Errorf("stdout does not match %q:\n%s", r.stdout, res.stdout)
			}
			checkNoLeak(t, r.name, []string{key, token}, res.stdout, res.stderr)
		})
	}

	t.Run("lint 50 MB string literal", func(t *testing.T) { testHugeLiteral(t, key) })
	t.Run("history file names that forge output lines", func(t *testing.T) { testForgedLines(t, key) })
}

// testForgedLines: a file name holding a newline and a GitHub workflow
// command (git allows both) cannot add lines to text or github output.
func testForgedLines(t *testing.T, key string) {
	dir := filepath.Join(t.TempDir(), "names")
	im, err := historyrepo.NewImporter(dir)
	if err != nil {
		t.Fatal(err)
	}
	name := "docs/x\n::error file=a.go,line=1::forged\r\n  ::add-mask::x.env"
	im.Commit("main", "", "odd name", historyrepo.Put(name, "AZURE_OPENAI_API_KEY="+key+"\n"))
	if _, err := im.Close(); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "github"} {
		r := keyless(t, dir, "history", "-format", format)
		if r.code != 1 {
			t.Errorf("%s: exit %d, want 1\n%s", format, r.code, r.stderr)
		}
		lines := strings.Split(strings.TrimSuffix(string(r.stdout), "\n"), "\n")
		want := 1 // one finding
		if format == "github" {
			want = 2 // and the summary
		}
		if len(lines) != want || strings.Contains(string(r.stdout), "\r") {
			t.Errorf("%s: %d lines for one finding:\n%q", format, len(lines), r.stdout)
		}
		for _, l := range lines {
			if format == "text" && strings.HasPrefix(strings.TrimSpace(l), "::") {
				t.Errorf("text: line %q reads as a workflow command", l)
			}
			if format == "github" && !strings.HasPrefix(l, "::error file=docs/x%0A%3A%3Aerror") && !strings.HasPrefix(l, "::notice title=keyless::") {
				t.Errorf("github: unexpected line %q", l)
			}
		}
	}
}

// testHugeLiteral lints a package holding a 50 MB string literal (full of
// the keywords the secret rules look for) next to a real secret: lint
// finishes, reports the secret, and stays within a generous memory bound
// (a guard against quadratic or copying blow-ups, not a budget).
func testHugeLiteral(t *testing.T, key string) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"go.mod": "module example.com/huge\n\ngo 1.22\n"})
	var b bytes.Buffer
	b.WriteString("package huge\n\nconst openAIKey = \"" + key + "\"\n\nconst Blob = \"")
	const size = 50 << 20
	unit := "azure api-key secret token password AccountKey=sig=JQQJ99 0123456789abcdef "
	for b.Len() < size {
		b.WriteString(unit)
	}
	b.WriteString("\"\n")
	if err := os.MkdirAll(filepath.Join(dir, "huge"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "huge", "huge.go"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(keylessBin(t), "lint", "-format", "json", "./...")
	cmd.Dir = dir
	cmd.Env = historyrepo.FixedEnv()
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if code != 1 || !strings.Contains(so.String(), `"ruleId": "hardcodedsecret/azure-openai-key"`) {
		t.Errorf("exit %d, want 1 with the key reported\nstdout: %.2000s\nstderr: %.2000s", code, so.String(), se.String())
	}
	if strings.Contains(se.String(), "panic") || strings.Contains(se.String(), "goroutine ") {
		t.Errorf("crashed:\n%.4000s", se.String())
	}
	if rss := maxRSS(cmd.ProcessState); rss > 0 {
		t.Logf("50 MB literal: max RSS %d MB", rss>>20)
		if rss > 2<<30 {
			t.Errorf("max RSS %d MB for a 50 MB file", rss>>20)
		}
	}
}

// keylessUnprivileged runs keyless where file (relative to dir) has mode
// 000 and must not be readable. Run as root, that mode binds nobody: the
// tree is then handed to uid 65534 and keyless runs as that user.
func keylessUnprivileged(t *testing.T, dir, file string, args ...string) keylessRun {
	t.Helper()
	if os.Geteuid() != 0 {
		return keyless(t, dir, args...)
	}
	if err := exec.Command("chown", "-R", "65534:65534", dir).Run(); err != nil {
		t.Skipf("running as root and cannot hand the tree to an unprivileged user (chown: %v)", err)
	}
	// Let that user reach dir, the binary and a home of its own.
	for d := dir; d != "/" && d != "."; d = filepath.Dir(d) {
		if fi, err := os.Stat(d); err == nil {
			os.Chmod(d, fi.Mode().Perm()|0o005)
		}
	}
	home := t.TempDir()
	os.Chmod(home, 0o755)
	os.Chmod(filepath.Dir(home), 0o755)
	exec.Command("chown", "-R", "65534:65534", home).Run()
	binCopy := filepath.Join(home, "keyless")
	data, err := os.ReadFile(keylessBin(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(binCopy, data, 0o755); err != nil {
		t.Fatal(err)
	}
	env := append(historyrepo.FixedEnv(), "HOME="+home, "GOCACHE="+filepath.Join(home, "cache"),
		"GOPATH="+filepath.Join(home, "go"), "GOTOOLCHAIN=local", "GOFLAGS=")
	cmd := unprivilegedCommand(binCopy, args...)
	cmd.Dir = dir
	cmd.Env = env
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	err = cmd.Run()
	r := keylessRun{stdout: so.Bytes(), stderr: se.Bytes()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Skipf("running as root and cannot start keyless as uid 65534: %v", err)
	}
	if bytes.Contains(r.stderr, []byte("goroutine ")) {
		t.Fatalf("keyless %v panicked:\n%s", args, r.stderr)
	}
	if r.code == 2 && (bytes.Contains(r.stderr, []byte("dubious ownership")) || bytes.Contains(r.stderr, []byte("GOCACHE"))) {
		t.Skipf("running as root and the unprivileged run could not work: %s", r.stderr)
	}
	return r
}
