package main

// End-to-end tests: build the keyless binary, run it on testdata/e2e (a
// module that imports the REAL Azure / OpenAI SDK modules, pinned in its
// go.mod and go.sum) in every output format, under go vet -vettool, with
// -fix followed by go build, and on bad input.
//
// Expectations live in the fixture: a line that must be reported ends in
// "// want: <rule-id>..."; "// ... want-above: <rule-id>" expects the
// finding on the line above (a comment that is itself the finding);
// "// suppressed: <rule-id>" expects a finding marked suppressed. Packages
// plainopenai and keylessok must produce no finding. Expectations for an
// analyzer that is not registered in analyzers.All are skipped with a
// log line, so the test tracks analyzers as they land.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"text/template"

	"github.com/keyless-dev/keyless/analyzers"
	"github.com/keyless-dev/keyless/internal/fixreview"
	"github.com/keyless-dev/keyless/internal/secrets/corpus"
)

// lintBin is the built binary (keylessBin, shared with the history
// end-to-end tests, builds it once per run).
func lintBin(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: builds the binary")
	}
	return keylessBin(t)
}

var (
	e2eRenderOnce sync.Once
	e2eRendered   string
	e2eRenderErr  error
)

// e2eDir is the fixture module, rendered once per test binary into a
// temporary copy (removed by TestMain): *.go.tmpl files become *.go with
// the keys of e2eKeys, so the fixture can hold secrets without a key
// being committed.
func e2eDir(t *testing.T) string {
	t.Helper()
	e2eRenderOnce.Do(func() {
		src, err := filepath.Abs(filepath.Join("..", "..", "testdata", "e2e"))
		if err != nil {
			e2eRenderErr = err
			return
		}
		e2eRendered, e2eRenderErr = renderFixture(src)
	})
	if e2eRenderErr != nil {
		t.Fatalf("rendering the e2e fixture: %v", e2eRenderErr)
	}
	return e2eRendered
}

// e2eKeys are the keys the fixture's templates name, from a seeded
// generator.
func e2eKeys() map[string]string {
	g := corpus.New(20261203)
	return map[string]string{"LegacyStorage": g.StorageKey(), "OpenAI": g.OpenAIKey()}
}

// renderFixture copies src to a new temporary directory, executing
// *.go.tmpl files (delimiters [[ ]]) into *.go.
func renderFixture(src string) (string, error) {
	dst, err := os.MkdirTemp("", "keyless-e2e-fixture-")
	if err != nil {
		return "", err
	}
	keys := e2eKeys()
	err = copyFiles(src, dst, func(rel string, b []byte) (string, []byte, error) {
		name, ok := strings.CutSuffix(rel, ".go.tmpl")
		if !ok {
			return rel, b, nil
		}
		tmpl, err := template.New(rel).Delims("[[", "]]").Option("missingkey=error").Parse(string(b))
		if err != nil {
			return "", nil, err
		}
		var out bytes.Buffer
		if err := tmpl.Execute(&out, keys); err != nil {
			return "", nil, err
		}
		return name + ".go", out.Bytes(), nil
	})
	if err != nil {
		os.RemoveAll(dst)
		return "", err
	}
	return dst, nil
}

type result struct {
	code           int
	stdout, stderr string
}

// exe runs a program in dir.
func exe(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	r := result{stdout: o.String(), stderr: e.String()}
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("%s %v: %v", name, args, err)
		}
		r.code = ee.ExitCode()
	}
	if strings.Contains(r.stderr, "goroutine ") && strings.Contains(r.stderr, "panic") {
		t.Errorf("%s %v panicked:\n%s", name, args, r.stderr)
	}
	return r
}

type expectation struct {
	path       string
	line       int
	rule       string
	suppressed bool
}

func (e expectation) String() string {
	s := fmt.Sprintf("%s:%d %s", e.path, e.line, e.rule)
	if e.suppressed {
		s += " (suppressed)"
	}
	return s
}

var markerRE = regexp.MustCompile(`// (?:.*?)(want|want-above|suppressed): ((?:[a-z0-9-]+/[a-z0-9-]+\s*)+)$`)

// expectations reads the markers of the fixture.
func expectations(t *testing.T, dir string) []expectation {
	t.Helper()
	var exps []expectation
	isGo := func(p string) bool { return strings.HasSuffix(p, ".go") }
	eachMarker(t, dir, isGo, markerRE, func(rel string, line int, m []string) {
		if m[1] == "want-above" {
			line--
		}
		for _, rule := range strings.Fields(m[2]) {
			exps = append(exps, expectation{rel, line, rule, m[1] == "suppressed"})
		}
	})
	if len(exps) < 15 {
		t.Fatalf("only %d expectations in the fixture", len(exps))
	}
	return exps
}

// registered reports whether the analyzer that owns rule runs.
func registered(rule string) bool {
	prefix, _, _ := strings.Cut(rule, "/")
	if prefix == "ignore" {
		prefix = "ignorecheck"
	}
	for _, n := range analyzers.Names() {
		if n == prefix {
			return true
		}
	}
	return false
}

type e2eFinding struct {
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

var (
	e2eOnce     sync.Once
	e2eFindings []e2eFinding
	e2eResult   result
)

// fixtureFindings is `keyless lint -format json ./...` on the fixture, run
// once and shared by the tests (each run loads ~450 packages from source).
func fixtureFindings(t *testing.T, bin string) ([]e2eFinding, result) {
	t.Helper()
	e2eOnce.Do(func() { e2eFindings, e2eResult = lintFindings(t, bin, e2eDir(t), "./...") })
	if e2eFindings == nil {
		t.Fatalf("lint on the fixture failed: exit %d\n%s", e2eResult.code, e2eResult.stderr)
	}
	return e2eFindings, e2eResult
}

func lintFindings(t *testing.T, bin, dir string, args ...string) ([]e2eFinding, result) {
	t.Helper()
	r := exe(t, dir, bin, append([]string{"lint", "-format", "json"}, args...)...)
	var fs []e2eFinding
	if err := json.Unmarshal([]byte(r.stdout), &fs); err != nil {
		t.Fatalf("lint -format json: exit %d, invalid JSON: %v\nstdout:\n%s\nstderr:\n%s", r.code, err, r.stdout, r.stderr)
	}
	return fs, r
}

// strictE2E reports the fixture files where a finding without a marker
// is an error: the cases of "one mistake, one finding" (a go-openai API
// type switch, an Entra token in DefaultAzureConfig, a role chosen in
// another package's Default method, a legacy key known by its use, a
// constant folded into another).
func strictE2E(path string) bool {
	return strings.HasPrefix(path, "goopenai/") || strings.HasPrefix(path, "internal/rolespec/") || path == "provision/spec.go" || strings.HasPrefix(path, "secrets/")
}

func TestE2ELint(t *testing.T) {
	bin := lintBin(t)
	dir := e2eDir(t)
	exps := expectations(t, dir)
	fs, r := fixtureFindings(t, bin)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	type key struct {
		path string
		line int
		rule string
	}
	got := map[key]e2eFinding{}
	seen := map[string]bool{}
	for _, f := range fs {
		id := fmt.Sprintf("%s:%d:%d %s %s", f.Path, f.Line, f.Column, f.RuleID, f.Message)
		if seen[id] {
			t.Errorf("duplicate finding %s", id)
		}
		seen[id] = true
		got[key{f.Path, f.Line, f.RuleID}] = f
		if strings.HasPrefix(f.Path, "/") || strings.Contains(f.Path, `\`) {
			t.Errorf("path %q is not module-relative", f.Path)
		}
		if strings.HasPrefix(f.Path, "plainopenai/") || strings.HasPrefix(f.Path, "keylessok/") {
			t.Errorf("finding in a package that must be clean: %s", id)
		}
		if f.Fingerprint == "" || f.Severity == "" {
			t.Errorf("finding %s lacks fingerprint or severity", id)
		}
	}
	skipped := map[string]bool{}
	for _, e := range exps {
		if !registered(e.rule) {
			skipped[e.rule] = true
			continue
		}
		f, ok := got[key{e.path, e.line, e.rule}]
		if !ok {
			t.Errorf("missing finding %s", e)
			continue
		}
		if e.suppressed != (f.Suppression != nil) {
			t.Errorf("finding %s: suppression %+v", e, f.Suppression)
		}
		if e.suppressed && (f.Suppression.Kind != "inSource" || f.Suppression.Justification == "") {
			t.Errorf("finding %s: suppression %+v", e, f.Suppression)
		}
	}
	if len(skipped) > 0 {
		t.Logf("analyzer not registered yet; skipped expectations for %s", strings.Join(slices.Sorted(maps.Keys(skipped)), ", "))
	}
	for _, f := range fs {
		found := false
		for _, e := range exps {
			found = found || e.path == f.Path && e.line == f.Line && e.rule == f.RuleID
		}
		switch {
		case !found && strictE2E(f.Path):
			t.Errorf("finding without a marker in a file where every finding is marked: %s:%d:%d %s %s", f.Path, f.Line, f.Column, f.RuleID, f.Message)
		case !found:
			t.Logf("finding without a marker (allowed): %s:%d:%d %s %s", f.Path, f.Line, f.Column, f.RuleID, f.Message)
		}
	}

}

func TestE2EFormats(t *testing.T) {
	bin := lintBin(t)
	dir := e2eDir(t)
	fs, _ := fixtureFindings(t, bin)
	active := 0
	bySeverity := map[string]int{}
	for _, f := range fs {
		if f.Suppression == nil {
			active++
			bySeverity[f.Severity]++
		}
	}
	// GitHub shows 10 annotations per kind; one notice is kept for the summary.
	annotated := min(bySeverity["error"], 10) + min(bySeverity["warning"], 10) + min(bySeverity["note"], 9)

	// Every format from one run (each run loads ~450 packages from
	// source): text on stdout, the others in files.
	tmp := t.TempDir()
	file := func(name string) string {
		b, err := os.ReadFile(filepath.Join(tmp, name))
		if err != nil {
			t.Fatalf("report %s not written: %v", name, err)
		}
		return string(b)
	}
	r := exe(t, dir, bin, "lint", "-format", "text,sarif:"+filepath.Join(tmp, "k.sarif")+",github:"+filepath.Join(tmp, "k.github")+
		",rdjsonl:"+filepath.Join(tmp, "k.rdjsonl")+",json:"+filepath.Join(tmp, "k.json"), "./...")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}

	// json: the same findings as a run with -format json alone.
	var again []e2eFinding
	if err := json.Unmarshal([]byte(file("k.json")), &again); err != nil || len(again) != len(fs) {
		t.Errorf("json report: %d findings (%v), want %d", len(again), err, len(fs))
	}

	// text: one line per unsuppressed finding, count on stderr.
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != active {
		t.Errorf("text: %d lines, want %d:\n%s", len(lines), active, r.stdout)
	}
	lineRE := regexp.MustCompile(`^[a-z0-9_/]+\.go:\d+:\d+: [a-z0-9-]+/[a-z0-9-]+: .+$`)
	for _, l := range lines {
		if !lineRE.MatchString(l) {
			t.Errorf("text line %q", l)
		}
	}
	if !strings.Contains(r.stderr, fmt.Sprintf("keyless: %d finding", active)) {
		t.Errorf("text count line: %q", r.stderr)
	}

	// sarif
	checkE2ESARIF(t, file("k.sarif"), len(fs), dir)

	// github
	gh := file("k.github")
	ghLines := strings.Split(strings.TrimSpace(gh), "\n")
	if len(ghLines) != annotated+1 {
		t.Errorf("github: %d lines for %d findings:\n%s", len(ghLines), active, gh)
	}
	ghRE := regexp.MustCompile(`^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+(,endLine=\d+,endColumn=\d+)?,title=[a-z0-9-]+/[a-z0-9-]+::.+$`)
	for _, l := range ghLines[:len(ghLines)-1] {
		if !ghRE.MatchString(l) {
			t.Errorf("github line %q", l)
		}
	}
	if last := ghLines[len(ghLines)-1]; !strings.HasPrefix(last, "::notice title=keyless::keyless: ") {
		t.Errorf("github summary %q", last)
	}

	// rdjsonl
	rdLines := strings.Split(strings.TrimSpace(file("k.rdjsonl")), "\n")
	if len(rdLines) != active {
		t.Errorf("rdjsonl: %d lines, want %d", len(rdLines), active)
	}
	for _, l := range rdLines {
		var d struct {
			Message  string
			Location struct {
				Path  string
				Range struct{ Start struct{ Line, Column int } }
			}
			Severity string
			Source   struct{ Name string }
			Code     struct{ Value string }
		}
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Errorf("rdjsonl line %q: %v", l, err)
			continue
		}
		if d.Source.Name != "keyless" || d.Code.Value == "" || d.Location.Path == "" || d.Location.Range.Start.Line < 1 || d.Location.Range.Start.Column < 1 {
			t.Errorf("rdjsonl diagnostic %+v", d)
		}
		if _, err := os.Stat(filepath.Join(dir, d.Location.Path)); err != nil {
			t.Errorf("rdjsonl path %q: %v", d.Location.Path, err)
		}
	}

	// -json: the go/analysis tree.
	r = exe(t, dir, bin, "lint", "-json", "./...")
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil || r.code != 1 {
		t.Errorf("-json: exit %d, %v\n%s", r.code, err, r.stdout)
	}
	if _, ok := tree["example.com/e2e/ignores"]["ignorecheck"]; !ok {
		t.Errorf("-json tree lacks example.com/e2e/ignores/ignorecheck:\n%s", r.stdout)
	}
}

// checkE2ESARIF checks what GitHub code scanning needs of a SARIF log.
func checkE2ESARIF(t *testing.T, s string, wantResults int, dir string) {
	t.Helper()
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string
					Rules []struct {
						ID   string
						Help struct{ Text, Markdown string }
					}
				}
			}
			AutomationDetails struct{ ID string }
			Results           []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           map[string]int
					}
				}
				PartialFingerprints map[string]string
				Suppressions        []struct{ Kind, Justification string }
			}
		}
	}
	if err := json.Unmarshal([]byte(s), &log); err != nil {
		t.Fatalf("SARIF: %v", err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("SARIF version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "keyless" || run.AutomationDetails.ID != "keyless-lint/" {
		t.Errorf("SARIF driver %q category %q", run.Tool.Driver.Name, run.AutomationDetails.ID)
	}
	if len(run.Results) != wantResults {
		t.Errorf("SARIF has %d results, want %d (suppressed included)", len(run.Results), wantResults)
	}
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s: ruleIndex %d does not point at its rule", res.RuleID, res.RuleIndex)
		} else if run.Tool.Driver.Rules[res.RuleIndex].Help.Markdown == "" {
			t.Errorf("rule %s has no help", res.RuleID)
		}
		if res.PartialFingerprints["keyless/v1"] == "" {
			t.Errorf("result %s has no fingerprint", res.RuleID)
		}
		pl := res.Locations[0].PhysicalLocation
		if pl.ArtifactLocation.URIBaseID != "%SRCROOT%" || strings.HasPrefix(pl.ArtifactLocation.URI, "/") {
			t.Errorf("result %s location %+v", res.RuleID, pl.ArtifactLocation)
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(pl.ArtifactLocation.URI))); err != nil {
			t.Errorf("result %s uri %q: %v", res.RuleID, pl.ArtifactLocation.URI, err)
		}
		for _, k := range []string{"startLine", "startColumn", "endLine", "endColumn"} {
			if pl.Region[k] < 1 {
				t.Errorf("result %s region %v", res.RuleID, pl.Region)
			}
		}
		for _, sup := range res.Suppressions {
			if sup.Kind != "inSource" || sup.Justification == "" {
				t.Errorf("result %s suppression %+v", res.RuleID, sup)
			}
		}
	}
}

// eachMarker calls each for every line matching re in the files under
// dir that keep selects: the file's slash-separated path relative to
// dir, the 1-based line and re's submatches.
func eachMarker(t *testing.T, dir string, keep func(path string) bool, re *regexp.Regexp, each func(rel string, line int, m []string)) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !keep(p) {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				each(filepath.ToSlash(rel), n, m)
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
}

// copyTree copies the fixture to a temp dir.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	if err := copyFiles(src, dst, nil); err != nil {
		t.Fatal(err)
	}
	return dst
}

// copyFiles copies the tree src into dst; render, when not nil, may
// rename a file (target, relative to dst) and replace its content.
func copyFiles(src, dst string, render func(rel string, b []byte) (target string, out []byte, err error)) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		target := rel
		if render != nil {
			if target, b, err = render(rel, b); err != nil {
				return err
			}
		}
		return os.WriteFile(filepath.Join(dst, target), b, 0o644)
	})
}

func TestE2EFix(t *testing.T) {
	bin := lintBin(t)
	dir := copyTree(t, e2eDir(t))
	before, _ := fixtureFindings(t, bin) // the copy is identical
	fixable := 0
	for _, f := range before {
		if f.Fix != nil && f.Suppression == nil {
			fixable++
		}
	}
	r := exe(t, dir, bin, "lint", "-fix", "./...")
	if r.code == 2 {
		t.Fatalf("lint -fix: exit 2\n%s", r.stderr)
	}
	if fixable > 0 && !strings.Contains(r.stderr, "keyless lint: fixed ") {
		t.Errorf("lint -fix printed no fixes for %d fixable findings:\n%s", fixable, r.stderr)
	}
	if strings.Contains(r.stderr, "not fixing") {
		t.Errorf("lint -fix refused fixes:\n%s", r.stderr)
	}
	t.Logf("%d fixable findings; -fix stderr:\n%s", fixable, r.stderr)

	// The fixed module builds, tests included.
	if r := exe(t, dir, "go", "build", "./..."); r.code != 0 {
		t.Fatalf("go build after -fix:\n%s%s", r.stdout, r.stderr)
	}
	if r := exe(t, dir, "go", "vet", "./..."); r.code != 0 {
		t.Fatalf("go vet after -fix (compiles the tests too):\n%s%s", r.stdout, r.stderr)
	}
	after, _ := lintFindings(t, bin, dir, "./...")
	for _, f := range after {
		if f.Fix != nil && f.Suppression == nil {
			t.Errorf("still fixable after -fix: %s:%d:%d %s %s", f.Path, f.Line, f.Column, f.RuleID, f.Message)
		}
	}
	reviewFixes(t, e2eDir(t), dir)
	// The suppressed finding is neither fixed nor lost.
	for _, f := range before {
		if f.Suppression == nil {
			continue
		}
		found := false
		for _, g := range after {
			found = found || g.RuleID == f.RuleID && g.Path == f.Path && g.Suppression != nil
		}
		if !found {
			t.Errorf("suppressed finding %s %s vanished after -fix", f.Path, f.RuleID)
		}
	}
}

func TestE2EVet(t *testing.T) {
	bin := lintBin(t)
	dir := e2eDir(t)
	r := exe(t, dir, "go", "vet", "-vettool="+bin, "./...")
	if r.code == 0 {
		t.Fatalf("go vet -vettool: exit 0\n%s", r.stderr)
	}
	exps := expectations(t, dir)
	for _, e := range exps {
		if !registered(e.rule) || e.suppressed {
			continue
		}
		want := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(fmt.Sprintf("%s:%d:", e.path, e.line)) + `\d+: ` + regexp.QuoteMeta(e.rule) + `: `)
		if !want.MatchString(r.stderr) {
			t.Errorf("go vet -vettool output lacks %s", e)
		}
	}
	// Suppressed findings are dropped under go vet.
	for _, e := range exps {
		if e.suppressed && strings.Contains(r.stderr, fmt.Sprintf("%s:%d:", e.path, e.line)) {
			t.Errorf("go vet reported the suppressed finding at %s", e)
		}
	}
	if t.Failed() {
		t.Logf("go vet output:\n%s", r.stderr)
	}
	// -<analyzer>=false works through go vet's flag protocol.
	r = exe(t, dir, "go", "vet", "-vettool="+bin, "-ignorecheck=false", "./ignores")
	if r.code != 0 || strings.Contains(r.stderr, "ignore/") {
		t.Errorf("go vet -ignorecheck=false: exit %d\n%s", r.code, r.stderr)
	}
}

// reviewFixes runs the reviewer's checklist (internal/fixreview) on every
// Go file that -fix changed: fixed is a fixed copy of the module at orig.
func reviewFixes(t *testing.T, orig, fixed string) {
	t.Helper()
	probs, changed, err := fixreview.CheckTree(orig, fixed)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Errorf("a reviewer would send this fix back: %s", p)
	}
	if changed == 0 {
		t.Errorf("-fix changed no Go file")
	}
}
