package main

import (
	"encoding/json"
	"go/ast"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/keyless-dev/keyless/analyzers"
)

// The driver is tested with a small analyzer of its own, so that fixes,
// suppression, dedupe, filtering and every format are exercised whatever
// the real analyzers report: "upper" reports each strings.ToUpper call as
// test/upper with one fix that calls strings.ToLower and adds a marker
// comment above the package clause (the same edit for every finding of a
// file, so that duplicates must be merged).
func upperAnalyzer(opts analyzers.Options) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "upper",
		Doc:  "report strings.ToUpper",
		Run: func(pass *analysis.Pass) (any, error) {
			for _, f := range pass.Files {
				ast.Inspect(f, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					fn, ok := typeutil.Callee(pass.TypesInfo, call).(interface{ FullName() string })
					if !ok || fn.FullName() != "strings.ToUpper" {
						return true
					}
					sel := call.Fun.(*ast.SelectorExpr)
					if !opts.CatalogOf().Enabled("test/upper") {
						return true
					}
					pass.Report(analysis.Diagnostic{
						Pos: call.Pos(), End: call.End(), Category: "test/upper",
						Message: "test/upper: strings.ToUpper called",
						SuggestedFixes: []analysis.SuggestedFix{{Message: "call strings.ToLower", TextEdits: []analysis.TextEdit{
							{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte("ToLower")},
							{Pos: f.Package, End: f.Package, NewText: []byte("// lowered by keyless\n")},
						}}},
					})
					return true
				})
			}
			return nil, nil
		},
	}
}

// withUpper runs the driver with ignorecheck and the test analyzer only,
// for the duration of a test. Neither uses facts, so packages load from
// export data (cached by the go command) and the driver tests stay fast;
// the real analyzers are exercised by the end-to-end tests.
func withUpper(t *testing.T) {
	t.Helper()
	old := analyzers.All
	var set []analyzers.Def
	for _, d := range old {
		if d.Name == "ignorecheck" {
			set = append(set, d)
		}
	}
	analyzers.All = append(set, analyzers.Def{Name: "upper", New: upperAnalyzer})
	t.Cleanup(func() { analyzers.All = old })
}

const upperRules = `checks:
  - id: test/upper
    title: strings.ToUpper call
    severity: error
    cwe: CWE-000
    why: test rule
`

// upperModule writes a module with findings in a package, its internal
// test and its external test, one suppressed finding and one malformed
// ignore comment; it returns the module dir and the rules file.
func upperModule(t *testing.T) (dir, cfg string) {
	t.Helper()
	dir = t.TempDir()
	writeTree(t, dir, map[string]string{
		"go.mod":     "module example.com/up\n\ngo 1.22\n",
		"rules.yaml": upperRules,
		"p/p.go": `package p

import "strings"

func A(s string) string {
	return strings.ToUpper(s)
}

func B(s string) string {
	//keyless:ignore test/upper -- the protocol wants upper case
	return strings.ToUpper(s)
}

func C(s string) string {
	//keyless:ignore test/upper
	return s
}
`,
		"p/p_test.go": `package p

import (
	"strings"
	"testing"
)

func TestA(t *testing.T) {
	if A("x") != strings.ToUpper("x") {
		t.Fatal()
	}
}
`,
		"p/x_test.go": `package p_test

import (
	"strings"
	"testing"
)

func TestX(t *testing.T) { _ = strings.ToUpper("y") }
`,
	})
	return dir, filepath.Join(dir, "rules.yaml")
}

type jsonFinding struct {
	RuleID, Severity, Message, Path, Fingerprint string
	Line, Column, EndLine, EndColumn             int
	Fix                                          *struct {
		Message string
		Edits   []struct {
			Path              string
			Offset, EndOffset int
			NewText           string
		}
	}
	Suppression *struct{ Kind, Justification string }
}

func lintJSON(t *testing.T, wantCode int, args ...string) []jsonFinding {
	t.Helper()
	code, out, errOut := runCLI(t, append([]string{"lint", "-format", "json"}, args...)...)
	if code != wantCode {
		t.Fatalf("lint %v: exit %d, want %d\nstderr: %s\nstdout: %s", args, code, wantCode, errOut, out)
	}
	var fs []jsonFinding
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatalf("lint %v: invalid JSON: %v\n%s", args, err, out)
	}
	return fs
}

func summarize(fs []jsonFinding) string {
	var s []string
	for _, f := range fs {
		mark := ""
		if f.Suppression != nil {
			mark = " (suppressed: " + f.Suppression.Justification + ")"
		}
		s = append(s, f.Path+":"+itoa(f.Line)+":"+itoa(f.Column)+" "+f.RuleID+" "+f.Severity+mark)
	}
	return strings.Join(s, "\n")
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + jsonInt(i)) }
func jsonInt(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func TestLintFindings(t *testing.T) {
	withUpper(t)
	dir, cfg := upperModule(t)
	fs := lintJSON(t, 1, "-C", dir, "-config", cfg)
	want := `p/p.go:6:9 test/upper error
p/p.go:11:9 test/upper error (suppressed: the protocol wants upper case)
p/p.go:15:2 ignore/missing-reason warning
p/p_test.go:9:15 test/upper error
p/x_test.go:8:32 test/upper error`
	if got := summarize(fs); got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
	for _, f := range fs {
		if f.Fingerprint == "" || f.Message == "" || strings.HasPrefix(f.Message, f.RuleID) {
			t.Errorf("finding %+v: missing fingerprint or message keeps its rule id prefix", f)
		}
		if f.RuleID == "test/upper" && (f.Fix == nil || len(f.Fix.Edits) != 2 || f.Fix.Edits[1].NewText != "ToLower") {
			t.Errorf("finding %+v: fix not carried", f)
		}
	}
	// Fingerprints do not depend on the line number: moving code down
	// keeps them.
	before := fs[0].Fingerprint
	src, _ := os.ReadFile(filepath.Join(dir, "p/p.go"))
	writeTree(t, dir, map[string]string{"p/p.go": strings.Replace(string(src), "import \"strings\"\n", "import \"strings\"\n\n// moved\n", 1)})
	fs = lintJSON(t, 1, "-C", dir, "-config", cfg)
	if fs[0].Line != 8 || fs[0].Fingerprint != before {
		t.Errorf("after moving: line %d fingerprint %s, want line 8 and %s", fs[0].Line, fs[0].Fingerprint, before)
	}

	// -tests=false leaves the test files out.
	fs = lintJSON(t, 1, "-C", dir, "-config", cfg, "-tests=false")
	if got := summarize(fs); strings.Contains(got, "_test.go") || !strings.Contains(got, "p/p.go") {
		t.Errorf("-tests=false findings:\n%s", got)
	}
	// Per-analyzer flags.
	fs = lintJSON(t, 1, "-C", dir, "-config", cfg, "-upper=false")
	if got := summarize(fs); strings.Contains(got, "test/upper") || !strings.Contains(got, "ignore/missing-reason") {
		t.Errorf("-upper=false findings:\n%s", got)
	}
	fs = lintJSON(t, 1, "-C", dir, "-config", cfg, "-upper")
	if got := summarize(fs); strings.Contains(got, "ignore/") || !strings.Contains(got, "test/upper") {
		t.Errorf("-upper findings:\n%s", got)
	}
	// A rule disabled in the rules file is not reported.
	writeTree(t, dir, map[string]string{"rules2.yaml": upperRules + "disable:\n  - ignore/missing-reason\n  - test/upper\n"})
	fs = lintJSON(t, 0, "-C", dir, "-config", "rules2.yaml")
	if len(fs) != 0 {
		t.Errorf("disabled rules reported:\n%s", summarize(fs))
	}
}

func TestLintText(t *testing.T) {
	withUpper(t)
	dir, cfg := upperModule(t)
	code, out, errOut := runCLI(t, "lint", "-C", dir, "-config", cfg, "./p")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "p/p.go:6:9: test/upper: strings.ToUpper called\n" +
		"p/p.go:15:2: ignore/missing-reason: keyless:ignore has no reason, so it suppresses nothing; write \"//keyless:ignore test/upper -- <why this is acceptable>\"\n" +
		"p/p_test.go:9:15: test/upper: strings.ToUpper called\n" +
		"p/x_test.go:8:32: test/upper: strings.ToUpper called\n"
	if out != want {
		t.Errorf("text:\n%s\nwant:\n%s", out, want)
	}
	if !strings.Contains(errOut, "keyless: 4 findings (3 errors, 1 warning), 1 suppressed") {
		t.Errorf("count line missing: %q", errOut)
	}
	// Flags after the package pattern work too, and -output writes a file.
	report := filepath.Join(t.TempDir(), "out.sarif")
	code, out, _ = runCLI(t, "lint", "-C", dir, "./p", "-config", cfg, "-format", "sarif", "-output", report)
	if code != 1 || out != "" {
		t.Fatalf("-output: exit %d, stdout %q", code, out)
	}
	b, err := os.ReadFile(report)
	if err != nil || !strings.Contains(string(b), `"ruleId": "test/upper"`) || !strings.Contains(string(b), `"kind": "inSource"`) {
		t.Errorf("SARIF report file: %v\n%s", err, b)
	}

	// Several formats from one run: one to stdout, the others to files;
	// one count line.
	gh := filepath.Join(t.TempDir(), "gh.txt")
	code, out, errOut = runCLI(t, "lint", "-C", dir, "-config", cfg, "-format", "text,github:"+gh+",sarif:"+report, "./p")
	if code != 1 || out != want || strings.Count(errOut, "keyless: 4 findings") != 1 {
		t.Errorf("multi-format: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if b, err := os.ReadFile(gh); err != nil || !strings.HasPrefix(string(b), "::error file=p/p.go,line=6,col=9,") {
		t.Errorf("github report file: %v\n%s", err, b)
	}
	if code, _, errOut := runCLI(t, "lint", "-C", dir, "-format", "sarif:", "./p"); code != 2 || !strings.Contains(errOut, "empty file name") {
		t.Errorf("-format sarif: exit %d %q", code, errOut)
	}
}

func TestLintFix(t *testing.T) {
	withUpper(t)
	dir, cfg := upperModule(t)
	orig, _ := os.ReadFile(filepath.Join(dir, "p/p.go"))

	// -diff prints and writes nothing.
	code, out, errOut := runCLI(t, "lint", "-C", dir, "-config", cfg, "-diff")
	if code != 1 {
		t.Fatalf("-diff exit %d: %s", code, errOut)
	}
	for _, want := range []string{"--- a/p/p.go\n+++ b/p/p.go\n", "+// lowered by keyless\n", "-\treturn strings.ToUpper(s)\n+\treturn strings.ToLower(s)\n", "+++ b/p/x_test.go\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("-diff output lacks %q:\n%s", want, out)
		}
	}
	if now, _ := os.ReadFile(filepath.Join(dir, "p/p.go")); string(now) != string(orig) {
		t.Error("-diff changed the file")
	}

	code, out, errOut = runCLI(t, "lint", "-C", dir, "-config", cfg, "-fix")
	if code != 1 { // the missing-reason finding has no fix
		t.Fatalf("-fix exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "keyless lint: fixed p/p.go:6:9: test/upper: call strings.ToLower") ||
		!strings.Contains(errOut, "keyless lint: fixed 3 findings in 3 files") {
		t.Errorf("-fix stderr:\n%s", errOut)
	}
	if strings.Contains(out, "test/upper: strings") || !strings.Contains(out, "ignore/missing-reason") {
		t.Errorf("-fix reports the fixed findings or lost the others:\n%s\nstderr:\n%s", out, errOut)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "p/p.go"))
	want := strings.Replace(strings.Replace(string(orig), "package p", "// lowered by keyless\npackage p", 1),
		"func A(s string) string {\n\treturn strings.ToUpper(s)", "func A(s string) string {\n\treturn strings.ToLower(s)", 1)
	if string(got) != want {
		t.Errorf("fixed p.go:\n%s\nwant:\n%s", got, want)
	}
	if strings.Count(string(got), "lowered by keyless") != 1 {
		t.Error("duplicate edit applied twice")
	}
	// Nothing fixable is left: only the suppressed finding and the
	// comment finding remain.
	fs := lintJSON(t, 1, "-C", dir, "-config", cfg)
	if got := summarize(fs); got != "p/p.go:12:9 test/upper error (suppressed: the protocol wants upper case)\np/p.go:16:2 ignore/missing-reason warning" {
		t.Errorf("after -fix:\n%s", got)
	}
}

func TestLintJSONTree(t *testing.T) {
	withUpper(t)
	dir, cfg := upperModule(t)
	code, out, errOut := runCLI(t, "lint", "-C", dir, "-config", cfg, "-json", "./p")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("invalid JSON tree: %v\n%s", err, out)
	}
	var diags []struct {
		Posn, End, Message, Category string
		SuggestedFixes               []struct {
			Message string
			Edits   []struct {
				Filename   string
				Start, End int
				New        string
			}
		} `json:"suggested_fixes"`
	}
	if err := json.Unmarshal(tree["example.com/up/p"]["upper"], &diags); err != nil {
		t.Fatalf("tree[example.com/up/p][upper]: %v\n%s", err, out)
	}
	// The suppressed finding is dropped, as go vet would.
	if len(diags) != 1 || diags[0].Category != "test/upper" || !strings.HasSuffix(diags[0].Posn, "p/p.go:6:9") ||
		diags[0].Message != "test/upper: strings.ToUpper called" || len(diags[0].SuggestedFixes) != 1 ||
		diags[0].SuggestedFixes[0].Edits[1].New != "ToLower" {
		t.Errorf("JSON tree diagnostics: %+v\n%s", diags, out)
	}
	for _, id := range []string{"example.com/up/p [example.com/up/p.test]", "example.com/up/p_test [example.com/up/p.test]"} {
		if _, ok := tree[id]; !ok {
			t.Errorf("JSON tree lacks package %q:\n%s", id, out)
		}
	}
	if code, _, errOut := runCLI(t, "lint", "-C", dir, "-json", "-format", "sarif"); code != 2 || !strings.Contains(errOut, "not both") {
		t.Errorf("-json with -format: exit %d %q", code, errOut)
	}
}

func TestLintNewFromRev(t *testing.T) {
	withUpper(t)
	dir, cfg := upperModule(t)
	gitRun(t, dir, "init", "-q")
	gitRun(t, dir, "add", ".")
	gitRun(t, dir, "commit", "-q", "-m", "init")
	fs := lintJSON(t, 0, "-C", dir, "-config", cfg, "-new-from-rev", "HEAD")
	if len(fs) != 0 {
		t.Fatalf("no change since HEAD, yet:\n%s", summarize(fs))
	}
	src, _ := os.ReadFile(filepath.Join(dir, "p/x_test.go"))
	writeTree(t, dir, map[string]string{
		"p/x_test.go": strings.Replace(string(src), `ToUpper("y")`, `ToUpper("z")`, 1),
		"p/new.go":    "package p\n\nimport \"strings\"\n\nvar N = strings.ToUpper(\"n\")\n",
	})
	fs = lintJSON(t, 1, "-C", dir, "-config", cfg, "-new-from-rev", "HEAD")
	if got := summarize(fs); got != "p/new.go:5:9 test/upper error\np/x_test.go:8:32 test/upper error" {
		t.Errorf("-new-from-rev HEAD:\n%s", got)
	}
	if code, _, errOut := runCLI(t, "lint", "-C", dir, "-new-from-rev", "nosuchrev"); code != 2 || !strings.Contains(errOut, `unknown revision "nosuchrev"`) {
		t.Errorf("bad revision: exit %d %q", code, errOut)
	}
}

// An analyzer that panics makes keyless exit 2 with one line, not a trace.
func TestLintAnalyzerPanic(t *testing.T) {
	old := analyzers.All
	analyzers.All = append([]analyzers.Def(nil), analyzers.Def{Name: "boom", New: func(analyzers.Options) *analysis.Analyzer {
		return &analysis.Analyzer{Name: "boom", Doc: "panics", Run: func(*analysis.Pass) (any, error) { panic("kaboom") }}
	}})
	t.Cleanup(func() { analyzers.All = old })
	dir, _ := upperModule(t)
	code, _, errOut := runCLI(t, "lint", "-C", dir, "./p")
	if code != 2 || !strings.Contains(errOut, "internal error: analyzer boom panicked on package example.com/up/p: kaboom") || strings.Contains(errOut, "goroutine") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
}

// -staged lints the packages with staged .go files and reports only lines
// changed since HEAD; with nothing staged it reports nothing, exit 0.
func TestLintStaged(t *testing.T) {
	withUpper(t)
	dir, cfg := upperModule(t)
	writeTree(t, dir, map[string]string{"q/q.go": "package q\n\nimport \"strings\"\n\nvar Q = strings.ToUpper(\"q\")\n"})
	gitRun(t, dir, "init", "-q")
	gitRun(t, dir, "add", ".")
	gitRun(t, dir, "commit", "-q", "-m", "init")
	if fs := lintJSON(t, 0, "-C", dir, "-config", cfg, "-staged"); len(fs) != 0 {
		t.Fatalf("nothing staged, yet:\n%s", summarize(fs))
	}
	src, _ := os.ReadFile(filepath.Join(dir, "q/q.go"))
	writeTree(t, dir, map[string]string{"q/q.go": string(src) + "\nvar R = strings.ToUpper(\"r\")\n"})
	gitRun(t, dir, "add", "q/q.go")
	// Not staged, so not in the commit: neither an untracked file of the
	// same package nor an unstaged edit is reported.
	writeTree(t, dir, map[string]string{"q/untracked.go": "package q\n\nimport \"strings\"\n\nvar U = strings.ToUpper(\"u\")\n"})
	fs := lintJSON(t, 1, "-C", dir, "-config", cfg, "-staged")
	if got := summarize(fs); got != "q/q.go:7:9 test/upper error" {
		t.Errorf("-staged findings:\n%s", got)
	}
	if code, _, errOut := runCLI(t, "lint", "-C", dir, "-staged", "./..."); code != 2 || !strings.Contains(errOut, "-staged takes no package patterns") {
		t.Errorf("-staged with patterns: exit %d %q", code, errOut)
	}
}
