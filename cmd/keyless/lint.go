package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/keyless-dev/keyless/analyzers"
	"github.com/keyless-dev/keyless/internal/driver"
	"github.com/keyless-dev/keyless/internal/infra"
	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/rules"
)

const lintDescription = `Run keyless's analyzers on Go packages (default ./...), test files
included, and report key-based Azure authentication, hardcoded secrets,
broad role assignments and malformed //keyless:ignore comments.

Exit status: 0 no findings, 1 findings, 2 usage, configuration or load
error. Findings suppressed by "//keyless:ignore <rule-id> -- <reason>"
(on the line or the line above) do not count; json and sarif list them
as suppressed.`

// lintFlags are the flags of `keyless lint`.
type lintFlags struct {
	out        outputFlags
	fix        bool
	diff       bool
	jsonTree   bool
	newFromRev string
	dir        string
	tests      bool
	staged     bool
	modules    string
	cache      string
	infra      bool
	enable     map[string]*triFlag
}

// triFlag is a boolean flag that remembers whether it was set, so that
// -keyauth (alone) means "only keyauth" and -keyauth=false means "all but
// keyauth", as in multichecker.
type triFlag struct{ set, value bool }

func (t *triFlag) String() string {
	if t == nil || !t.set {
		return "true"
	}
	return strconv.FormatBool(t.value)
}
func (t *triFlag) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	t.set, t.value = true, v
	return nil
}
func (t *triFlag) IsBoolFlag() bool { return true }

func (f *lintFlags) register(fs *flag.FlagSet) {
	f.out.register(fs)
	fs.BoolVar(&f.fix, "fix", false, "apply suggested fixes to the files (gofmt'ed), print what was fixed, report the rest")
	fs.BoolVar(&f.diff, "diff", false, "print the suggested fixes as unified diffs instead of writing them")
	fs.BoolVar(&f.jsonTree, "json", false, "print diagnostics as the go/analysis JSON tree (as go vet -json / multichecker print it)")
	fs.StringVar(&f.newFromRev, "new-from-rev", "", "report only findings on lines changed since git `revision` (and in untracked files)")
	fs.StringVar(&f.dir, "C", "", "change to `dir` before doing anything (paths in other flags are relative to it)")
	fs.BoolVar(&f.tests, "tests", true, "analyze test files (_test.go) too")
	fs.StringVar(&f.modules, "modules", "", "`all`: lint ./... in every module under the directory (nested go.mod files included), not only the one it is in")
	fs.BoolVar(&f.infra, "infra", false, "also run the keyless infra checks on the templates under the working directory, from this run's Go analysis (one load for both)")
	fs.StringVar(&f.cache, "cache", "", "`dir` caching dependencies' types and facts between runs (default $KEYLESS_CACHE, else keyless under the user cache directory); off: analyse dependencies from source")
	fs.BoolVar(&f.staged, "staged", false, "lint only the packages with staged .go files and report only lines changed since HEAD (the pre-commit hook)")
	f.enable = map[string]*triFlag{}
	for _, name := range analyzers.Names() {
		t := new(triFlag)
		f.enable[name] = t
		fs.Var(t, name, "enable the "+name+" analyzer (-"+name+" alone: only it; -"+name+"=false: all but it)")
	}
}

// selected resolves the per-analyzer flags the way the plugin's settings
// are resolved (analyzers.Select): -name alone enables, -name=false
// disables.
func (f *lintFlags) selected() ([]analyzers.Def, error) {
	var enable, disable []string
	for _, name := range analyzers.Names() {
		switch t := f.enable[name]; {
		case t.set && t.value:
			enable = append(enable, name)
		case t.set:
			disable = append(disable, name)
		}
	}
	return analyzers.Select(enable, disable)
}

func runLint(args []string) (code int) {
	defer recoverInternal("lint", &code)
	fs := newFlagSet("lint", "[flags] [packages]", lintDescription)
	var f lintFlags
	f.register(fs)
	patterns, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	formatSet := false
	fs.Visit(func(fl *flag.Flag) { formatSet = formatSet || fl.Name == "format" })
	if err := f.out.check(); err != nil {
		return failf("lint", "%v", err)
	}
	if f.jsonTree && formatSet {
		return failf("lint", "-json prints the go/analysis JSON tree; use it or -format, not both")
	}
	if f.jsonTree && (f.fix || f.diff) {
		return failf("lint", "-json cannot be combined with -fix or -diff")
	}
	if f.modules != "" && f.modules != "all" {
		return failf("lint", "-modules: unknown value %q (want all)", f.modules)
	}
	if f.infra && (f.fix || f.diff || f.jsonTree) {
		return failf("lint", "-infra cannot be combined with -fix, -diff or -json; use keyless infra -fix for the templates")
	}
	if f.dir != "" {
		if err := os.Chdir(f.dir); err != nil {
			return failf("lint", "-C: %v", err)
		}
	}
	cat, err := f.out.catalog()
	if err != nil {
		return failf("lint", "%v", err)
	}
	wd, err := os.Getwd()
	if err != nil {
		return failf("lint", "%v", err)
	}
	var units []loadUnit
	switch {
	case f.staged:
		if len(patterns) > 0 {
			return failf("lint", "-staged takes no package patterns")
		}
		if units, err = stagedPackages(wd); err != nil {
			return failf("lint", "-staged: %v", err)
		}
		if f.newFromRev == "" {
			if _, err := git("rev-parse", "--verify", "--quiet", "HEAD^{commit}"); err == nil {
				f.newFromRev = "HEAD"
			} // else: the first commit, where every line is new
		}
		if len(units) == 0 {
			// Nothing to lint: an empty report, exit 0.
			if f.jsonTree {
				fmt.Fprintln(stdout, "{}")
				return report.ExitClean
			}
			if err := f.out.emit(report.ModeLint, cat, nil); err != nil {
				return failf("lint", "%v", err)
			}
			return report.ExitClean
		}
	case f.modules == "all":
		if len(patterns) == 0 {
			patterns = []string{"./..."}
		}
		if units, err = allModules(wd, patterns); err != nil {
			return failf("lint", "-modules=all: %v", err)
		}
	default:
		if len(patterns) == 0 {
			patterns = []string{"./..."}
		}
		units = []loadUnit{{patterns: patterns}}
		if skipped := skippedModules(wd, patterns); len(skipped) > 0 {
			// Not an error (go vet behaves the same), but never silent.
			fmt.Fprintf(stderr, "keyless: lint: not linted: %s: %s (lint every module with -modules=all)\n",
				report.Plural(len(skipped), "nested module"), strings.Join(skipped, ", "))
		}
	}
	l := newLinter(f, cat)
	l.multiModule = len(units) > 1 || units[0].dir != ""
	return l.run(units)
}

// linter is one `keyless lint` run.
type linter struct {
	flags lintFlags
	cat   *rules.Catalog
	cwd   string
	// multiModule: paths are relative to cwd, not to each module's root,
	// so that two modules' main.go stay apart.
	multiModule bool

	files   map[string][]byte                // file contents, by absolute name
	ignores map[string]analyzers.IgnoreIndex // ignore directives, by absolute name
	syntax  map[string]*ast.File             // parsed files, by absolute name
	abs     map[string]string                // finding path -> absolute file name
	failed  bool                             // an error was printed: exit 2
	command string                           // the command errors name ("" = lint)
}

// newLinter returns a linter with empty per-run indexes.
func newLinter(f lintFlags, cat *rules.Catalog) *linter {
	return &linter{flags: f, cat: cat,
		files: map[string][]byte{}, ignores: map[string]analyzers.IgnoreIndex{}, syntax: map[string]*ast.File{}, abs: map[string]string{}}
}

func (l *linter) errorf(format string, args ...any) {
	cmd := l.command
	if cmd == "" {
		cmd = "lint"
	}
	failf(cmd, format, args...)
	l.failed = true
}

func (l *linter) run(units []loadUnit) int {
	var err error
	if l.cwd, err = os.Getwd(); err != nil {
		return failf("lint", "%v", err)
	}
	// In JSON-tree mode suppressed findings are dropped, as go vet would.
	opts := analyzers.Options{Catalog: l.cat, KeepSuppressed: !l.flags.jsonTree}
	defs, err := l.flags.selected()
	if err != nil {
		return failf("lint", "%v", err)
	}
	all := buildAnalyzers(analyzers.All, opts)
	var selected []*analysis.Analyzer
	for _, a := range all {
		if slices.ContainsFunc(defs, func(d analyzers.Def) bool { return d.Name == a.Name }) {
			selected = append(selected, a)
		}
	}
	var use *analysis.Analyzer // keyless infra's Go pass, with -infra
	if l.flags.infra {
		use = guarded(infra.NewUseAnalyzer(l.cat))
		selected = append(selected, use)
	}
	pkgs, graph, err := l.load(units, all, selected)
	if err != nil {
		return failf("lint", "%v", err)
	}
	l.reportLoadErrors(pkgs)

	var changed *changeSet
	if l.flags.newFromRev != "" {
		if changed, err = changedLines(l.flags.newFromRev, l.flags.staged); err != nil {
			return failf("lint", "-new-from-rev: %v", err)
		}
	}

	if l.flags.jsonTree {
		return l.printJSONTree(graph, changed)
	}

	var findings []report.Finding
	if graph != nil {
		findings = l.collect(graph, changed)
	}
	if l.flags.infra {
		all := findings
		if changed != nil && graph != nil {
			all = l.collect(graph, nil) // key uses on unchanged lines count too
		}
		findings = append(findings, l.lintInfra(graph, all, use)...)
	}

	if l.flags.fix || l.flags.diff {
		if l.failed {
			l.errorf("not applying fixes: some packages did not load")
		} else {
			findings = l.applyFixes(findings)
		}
		if l.flags.diff {
			// stdout holds the patch (so `keyless lint -diff | git apply`
			// works); the findings the patch answers go to stderr.
			report.Sort(findings)
			meta := report.Meta{Mode: report.ModeLint, Version: version(), Catalog: l.cat, Stderr: stderr}
			if err := report.WriteText(stderr, findings, meta); err != nil {
				return failf("lint", "%v", err)
			}
			return l.exit(findings)
		}
	}
	if l.failed && len(findings) == 0 && l.flags.out.Format == "text" && l.flags.out.Output == "" {
		// Nothing to show but the errors already printed; a "no
		// findings" line would read as a clean result.
		return l.exit(findings)
	}
	if err := l.flags.out.emit(report.ModeLint, l.cat, findings); err != nil {
		return failf("lint", "%v", err)
	}
	return l.exit(findings)
}

func (l *linter) exit(findings []report.Finding) int {
	if l.failed {
		return report.ExitError
	}
	return report.ExitCode(findings)
}

// reportLoadErrors prints each distinct package error on one line, at
// most maxErrorsPerPackage per package (like the compiler, the rest are
// counted). Ill-typed packages are skipped by the analyzers, as go vet
// does.
func (l *linter) reportLoadErrors(pkgs []*packages.Package) {
	const maxErrorsPerPackage = 10
	seen := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if len(p.Errors) > 0 {
			// Compiler and type errors quote constants: let failf
			// mask the secrets of the package's files.
			for _, files := range [][]string{p.GoFiles, p.CompiledGoFiles, p.OtherFiles} {
				for _, f := range files {
					scrub.addFile(f, l.content(f))
				}
			}
		}
		n, more := 0, 0
		var msgs []string
		for _, e := range p.Errors {
			// `go list -export` reports a compile failure as
			// "# pkg\nfile:line:col: msg\n...", and the type checker
			// reports the same errors again: split, then dedupe.
			if rest, ok := strings.CutPrefix(e.Msg, "# "); ok {
				_, rest, _ = strings.Cut(rest, "\n")
				for _, line := range strings.Split(rest, "\n") {
					if line = strings.TrimSpace(line); line != "" {
						msgs = append(msgs, line)
					}
				}
				continue
			}
			msg := e.Msg
			if e.Pos != "" && e.Pos != "-" {
				msg = l.relPos(e.Pos) + ": " + msg
			}
			msgs = append(msgs, msg)
		}
		for _, msg := range msgs {
			msg = fenceMessage(msg) // go list quotes files it should not have read
			if seen[msg] {
				continue
			}
			seen[msg] = true
			if n == maxErrorsPerPackage {
				more++
				continue
			}
			n++
			l.errorf("%s", msg)
		}
		if more > 0 {
			l.errorf("%s: %d more errors", p.ID, more)
		}
	})
}

// relPos shortens an absolute "file:line:col" under the working directory.
func (l *linter) relPos(pos string) string {
	if rel, err := filepath.Rel(l.cwd, pos); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return pos
}

// rootPackages drops generated test mains and, when dedupe is set, a
// package whose test variant ("p [p.test]", a superset of its files) is
// also present, so each file is analyzed once.
func rootPackages(pkgs []*packages.Package, dedupe bool) []*packages.Package {
	hasVariant := map[string]bool{}
	for _, p := range pkgs {
		if p.ID == p.PkgPath+" ["+p.PkgPath+".test]" {
			hasVariant[p.PkgPath] = true
		}
	}
	var roots []*packages.Package
	for _, p := range pkgs {
		if isTestMain(p) || dedupe && p.ID == p.PkgPath && hasVariant[p.PkgPath] {
			continue
		}
		roots = append(roots, p)
	}
	return roots
}

func isTestMain(p *packages.Package) bool {
	if p.Name != "main" || !strings.HasSuffix(p.ID, ".test") {
		return false
	}
	for _, f := range p.CompiledGoFiles {
		if filepath.Base(f) == "_testmain.go" {
			return true
		}
	}
	return len(p.GoFiles) == 0 || strings.HasSuffix(p.PkgPath, ".test")
}

// collect turns root diagnostics into findings: deduplicated (a file can
// belong to a package and its test variant), with rule id, severity,
// module-relative path, fix, suppression and fingerprint, filtered by
// -new-from-rev.
func (l *linter) collect(graph *driver.Graph, changed *changeSet) []report.Finding {
	type key struct {
		rule, path, msg     string
		line, col, el, ecol int
	}
	seen := map[key]bool{}
	var findings []report.Finding
	for _, act := range graph.Roots {
		if act.Err != nil {
			if !act.Package.IllTyped {
				l.errorf("%s: %v", act.Package.ID, act.Err)
			}
			continue
		}
		fset := act.Package.Fset
		l.indexSyntax(fset, act.Package)
		for _, d := range act.Diagnostics {
			f, ok := l.finding(fset, act.Package, act.Analyzer, d)
			if !ok {
				continue
			}
			if changed != nil && !changed.covers(l.abs[f.Path], f.Line, max(f.EndLine, f.Line)) {
				continue
			}
			k := key{f.RuleID, f.Path, f.Message, f.Line, f.Column, f.EndLine, f.EndColumn}
			if seen[k] {
				continue
			}
			seen[k] = true
			findings = append(findings, f)
		}
	}
	report.Sort(findings)
	return findings
}

func (l *linter) indexSyntax(fset *token.FileSet, pkg *packages.Package) {
	for _, f := range pkg.Syntax {
		if tf := fset.File(f.Pos()); tf != nil {
			if _, ok := l.syntax[tf.Name()]; !ok {
				l.syntax[tf.Name()] = f
			}
		}
	}
}

func (l *linter) finding(fset *token.FileSet, pkg *packages.Package, a *analysis.Analyzer, d analysis.Diagnostic) (report.Finding, bool) {
	posn := fset.Position(d.Pos)
	if !posn.IsValid() {
		return report.Finding{}, false
	}
	rule := d.Category
	if rule == "" {
		rule = a.Name
	}
	f := report.Finding{
		RuleID:   rule,
		Severity: rules.SeverityWarning,
		Message:  analyzers.StripRuleID(rule, d.Message),
		Path:     l.relPath(pkg, posn.Filename),
		Line:     posn.Line,
		Column:   posn.Column,
	}
	if doc, ok := l.cat.Lookup(rule); ok && doc.Severity != "" {
		f.Severity = doc.Severity
	}
	if d.End.IsValid() {
		end := fset.Position(d.End)
		f.EndLine, f.EndColumn = end.Line, end.Column
	}
	src := l.content(posn.Filename)
	f.Fingerprint = report.Fingerprint(rule, f.Path, report.NormalizeLine(lineOf(src, posn.Line)))
	if dir, ok := l.ignoreIndex(fset, posn.Filename).Match(posn.Line, rule); ok {
		f.Suppression = &report.Suppression{Kind: "inSource", Justification: dir.Reason}
	}
	if len(d.SuggestedFixes) > 0 {
		sf := d.SuggestedFixes[0]
		fix := &report.Fix{Message: sf.Message}
		for _, e := range sf.TextEdits {
			start := fset.Position(e.Pos)
			end := start
			if e.End.IsValid() {
				end = fset.Position(e.End)
			}
			fix.Edits = append(fix.Edits, report.Edit{
				Path:   l.relPath(pkg, start.Filename),
				Offset: start.Offset, EndOffset: end.Offset,
				Line: start.Line, Column: start.Column, EndLine: end.Line, EndColumn: end.Column,
				NewText: string(e.NewText),
			})
		}
		f.Fix = fix
	}
	return f, true
}

// relPath makes a file name relative to its module's root ('/'-separated),
// or to the working directory outside a module; it remembers the
// absolute name for -fix.
func (l *linter) relPath(pkg *packages.Package, filename string) string {
	base := l.cwd
	if pkg.Module != nil && pkg.Module.Dir != "" && !l.multiModule {
		base = pkg.Module.Dir
	}
	p := filename
	if rel, err := filepath.Rel(base, filename); err == nil && !strings.HasPrefix(rel, "..") {
		p = filepath.ToSlash(rel)
	}
	l.abs[p] = filename
	return p
}

func (l *linter) content(filename string) []byte {
	if b, ok := l.files[filename]; ok {
		return b
	}
	b, _ := os.ReadFile(filename)
	l.files[filename] = b
	return b
}

func (l *linter) ignoreIndex(fset *token.FileSet, filename string) analyzers.IgnoreIndex {
	if idx, ok := l.ignores[filename]; ok {
		return idx
	}
	var idx analyzers.IgnoreIndex
	if f := l.syntax[filename]; f != nil {
		idx = analyzers.FileIgnores(fset, f)
	}
	l.ignores[filename] = idx
	return idx
}

// lineOf returns line n (1-based) of src without its newline.
func lineOf(src []byte, n int) string {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return ""
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return string(src)
}

// printJSONTree prints the standard go/analysis JSON tree, as
// multichecker -json does, after -new-from-rev filtering.
func (l *linter) printJSONTree(graph *driver.Graph, changed *changeSet) int {
	if graph == nil {
		fmt.Fprintln(stdout, "{}")
		return l.exit(nil)
	}
	n := 0
	for _, act := range graph.Roots {
		if act.Err != nil && act.Package.IllTyped {
			// Reported on stderr already; keep the error in the tree as
			// multichecker does.
			continue
		}
		l.indexSyntax(act.Package.Fset, act.Package)
		kept := act.Diagnostics[:0]
		for _, d := range act.Diagnostics {
			posn := act.Package.Fset.Position(d.Pos)
			end := posn
			if d.End.IsValid() {
				end = act.Package.Fset.Position(d.End)
			}
			if changed != nil && !changed.covers(posn.Filename, posn.Line, max(end.Line, posn.Line)) {
				continue
			}
			if _, ok := l.ignoreIndex(act.Package.Fset, posn.Filename).Match(posn.Line, d.Category); ok && d.Category != "" {
				continue // suppressed: dropped, as under go vet
			}
			kept = append(kept, d)
		}
		act.Diagnostics = kept
		n += len(kept)
		if act.Err != nil {
			l.errorf("%s: %v", act.Package.ID, act.Err)
		}
	}
	var buf bytes.Buffer
	if err := graph.PrintJSON(&buf); err != nil {
		return failf("lint", "%v", err)
	}
	if _, err := stdout.Write(buf.Bytes()); err != nil {
		return failf("lint", "%v", err)
	}
	if l.failed {
		return report.ExitError
	}
	if n > 0 {
		return report.ExitFindings
	}
	return report.ExitClean
}
