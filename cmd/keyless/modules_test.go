package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// nestedRepo is a repository whose root module holds two nested modules
// (one deeper than the other) and a testdata module that ./... skips, each
// with one test/upper finding.
func nestedRepo(t *testing.T) (dir, cfg string) {
	t.Helper()
	dir, cfg = upperModule(t)
	upper := func(pkg string) string {
		return "package " + pkg + "\n\nimport \"strings\"\n\nvar X = strings.ToUpper(\"x\")\n"
	}
	writeTree(t, dir, map[string]string{
		"tools/go.mod":        "module example.com/tools\n\ngo 1.22\n",
		"tools/main.go":       upper("main") + "\nfunc main() {}\n",
		"svc/api/go.mod":      "module example.com/api\n\ngo 1.22\n",
		"svc/api/h/h.go":      upper("h"),
		"p/testdata/m/go.mod": "module example.com/m\n\ngo 1.22\n",
		"p/testdata/m/m.go":   upper("m"),
		"_scratch/go.mod":     "module example.com/scratch\n\ngo 1.22\n",
		"_scratch/scratch.go": upper("scratch"),
	})
	return dir, cfg
}

func TestLintNestedModules(t *testing.T) {
	withUpper(t)
	dir, cfg := nestedRepo(t)

	// Default: the root module only, as go vet, but the skipped modules
	// are named on stderr.
	code, out, errOut := runCLI(t, "lint", "-C", dir, "-config", cfg, "-format", "json", "./...")
	if code != 1 || strings.Contains(out, "tools/main.go") || strings.Contains(out, "h/h.go") {
		t.Fatalf("root only: exit %d\n%s", code, out)
	}
	if !strings.Contains(errOut, "not linted: 2 nested modules: svc/api, tools (lint every module with -modules=all)") {
		t.Errorf("stderr does not name the skipped modules:\n%s", errOut)
	}
	// A pattern below one nested module names only that one; a package
	// path names none.
	if _, _, errOut := runCLI(t, "lint", "-C", dir, "-config", cfg, "./svc/..."); !strings.Contains(errOut, ": svc/api (") || strings.Contains(errOut, "tools") {
		t.Errorf("./svc/...: stderr %q", errOut)
	}
	if _, _, errOut := runCLI(t, "lint", "-C", dir, "-config", cfg, "./p"); strings.Contains(errOut, "not linted") {
		t.Errorf("./p: stderr %q", errOut)
	}

	// -modules=all: every module, paths relative to the directory so
	// that two modules' files stay apart; testdata and _ dirs skipped.
	fs := lintJSON(t, 1, "-C", dir, "-config", cfg, "-modules=all")
	got := summarize(fs)
	for _, want := range []string{"p/p.go:", "tools/main.go:5:9 test/upper", "svc/api/h/h.go:5:9 test/upper"} {
		if !strings.Contains(got, want) {
			t.Errorf("-modules=all: no %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "testdata") || strings.Contains(got, "scratch") {
		t.Errorf("-modules=all linted what ./... skips:\n%s", got)
	}

	if code, _, errOut := runCLI(t, "lint", "-C", dir, "-modules=some"); code != 2 || !strings.Contains(errOut, `-modules: unknown value "some"`) {
		t.Errorf("-modules=some: exit %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "lint", "-C", dir, "-modules=all", "./p"); code != 2 || !strings.Contains(errOut, "takes no other package pattern") {
		t.Errorf("-modules=all ./p: exit %d %q", code, errOut)
	}
}

// The pre-commit hook lints the modules that hold the staged files.
func TestLintStagedNestedModules(t *testing.T) {
	withUpper(t)
	dir, cfg := nestedRepo(t)
	gitRun(t, dir, "init", "-q")
	gitRun(t, dir, "add", ".")
	gitRun(t, dir, "commit", "-q", "-m", "init")
	src, err := os.ReadFile(filepath.Join(dir, "tools/main.go"))
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{"tools/main.go": string(src) + "\nvar Y = strings.ToUpper(\"y\")\n"})
	gitRun(t, dir, "add", "tools/main.go")
	fs := lintJSON(t, 1, "-C", dir, "-config", cfg, "-staged")
	if got := summarize(fs); got != "tools/main.go:9:9 test/upper error" {
		t.Errorf("-staged in a nested module:\n%s", got)
	}
}
