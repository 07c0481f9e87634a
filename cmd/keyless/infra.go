package main

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/keyless-dev/keyless/analyzers"
	"github.com/keyless-dev/keyless/internal/driver"
	"github.com/keyless-dev/keyless/internal/infra"
	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/rules"
)

const infraDescription = `Cross-check the Go code with the Bicep, ARM (JSON) and Terraform
templates under dir (default .): key-based Go clients for resources whose
template turns local auth off, keyless Go clients without a data-plane role
(or with a far broader one) in the templates, keys leaving the templates
(listKeys() in outputs or app settings, Terraform access keys and
connection strings), and broad roles assigned in templates.

The Go side is keyauth's findings (key use) and the token-credential calls
and operations of the packages (default ./... of dir). Findings point at
the template line and name the Go line. Suppress one with a comment in the
template's own syntax on the line or the line above:
  // keyless:ignore infra/broad-role -- <reason>      (Bicep, ARM)
  # keyless:ignore infra/broad-role -- <reason>       (Terraform)

Exit status: 0 no findings, 1 findings, 2 usage error or a template that
does not parse (reported as file:line:col; the other templates are still
checked).`

func runInfra(args []string) (code int) {
	defer recoverInternal("infra", &code)
	fs := newFlagSet("infra", "[flags] [dir]", infraDescription)
	var out outputFlags
	out.register(fs)
	var dir, pkgs, cacheDir string
	var goCode, staged, fix, diff bool
	fs.StringVar(&dir, "C", "", "change to `dir` before doing anything")
	fs.StringVar(&pkgs, "packages", "./...", "Go package `patterns` (relative to dir) whose clients are cross-checked")
	fs.BoolVar(&goCode, "go", true, "analyze the Go code (false: only the template-only checks, keys leaving templates and broad roles)")
	fs.BoolVar(&fix, "fix", false, "apply the suggested fixes to the templates (the local-auth switch set, a broad data role swapped), print what was fixed, report the rest")
	fs.BoolVar(&diff, "diff", false, "print the suggested fixes as unified diffs instead of writing them")
	fs.StringVar(&cacheDir, "cache", "", "`dir` caching dependencies' types and facts and the templates' findings between runs, as lint's -cache; off: cache nothing")
	fs.BoolVar(&staged, "staged", false, "run only when a template or Go file is staged for commit (the pre-commit hook)")
	rest, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if err := out.check(); err != nil {
		return failf("infra", "%v", err)
	}
	if len(rest) > 1 {
		return failf("infra", "at most one directory, got %d arguments", len(rest))
	}
	if dir != "" {
		if err := os.Chdir(dir); err != nil {
			return failf("infra", "-C: %v", err)
		}
	}
	root := "."
	if len(rest) == 1 {
		root = rest[0]
	}
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return failf("infra", "%s is not a directory", root)
	}
	cat, err := out.catalog()
	if err != nil {
		return failf("infra", "%v", err)
	}
	if staged {
		files, err := stagedFiles(root)
		if err != nil {
			return failf("infra", "-staged: %v", err)
		}
		any := false
		for _, f := range files {
			any = any || infra.IsTemplate(f) || strings.HasSuffix(f, ".go")
		}
		if !any {
			if err := out.emit(report.ModeInfra, cat, nil); err != nil {
				return failf("infra", "%v", err)
			}
			return report.ExitClean
		}
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return failf("infra", "%v", err)
	}
	tmpl, err := readTemplates(absRoot, cat, cacheDir, out.Config)
	if err != nil {
		return failf("infra", "reading templates: %v", err)
	}
	failed := false
	facts := infra.Facts{Rel: infra.RelTo(absRoot)}
	if goCode && hasGoMod(absRoot) && tmpl.NeedsGo() {
		var goFailed bool
		facts.Uses, goFailed = infraGoUses(absRoot, out, cacheDir, cat, strings.Fields(pkgs))
		facts.Analyzed = true
		failed = failed || goFailed
	}
	findings, syntaxErrs := tmpl.Check(facts)
	for _, e := range syntaxErrs {
		failf("infra", "%s", e)
		failed = true
	}
	if fix || diff {
		if failed {
			failf("infra", "not applying fixes: some templates or packages did not load")
		} else {
			findings = applyInfraFixes(absRoot, findings, diff, &failed)
		}
		if diff {
			report.Sort(findings)
			meta := report.Meta{Mode: report.ModeInfra, Version: version(), Catalog: cat, Stderr: stderr}
			if err := report.WriteText(stderr, findings, meta); err != nil {
				return failf("infra", "%v", err)
			}
			if failed {
				return report.ExitError
			}
			return report.ExitCode(findings)
		}
	}
	if err := out.emit(report.ModeInfra, cat, findings); err != nil {
		return failf("infra", "%v", err)
	}
	if failed {
		return report.ExitError
	}
	return report.ExitCode(findings)
}

// applyInfraFixes applies (or with diff prints) the fixes of the
// unsuppressed findings through lint's fix planner; a fixed template must
// still parse. It returns the findings that remain.
func applyInfraFixes(root string, findings []report.Finding, diff bool, failed *bool) []report.Finding {
	abs := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
	check := func(file string, src []byte) ([]byte, error) {
		if errs := infra.Reparse(file, src); len(errs) > 0 {
			return nil, errs[0]
		}
		return src, nil
	}
	res := planFixesWith(findings, abs, os.ReadFile, check)
	for i, why := range res.refused {
		f := findings[i]
		fmt.Fprintf(stderr, "keyless infra: not fixing %s:%d:%d: %s: %s\n", f.Path, f.Line, f.Column, f.RuleID, scrubLine(why))
	}
	files := slices.Sorted(maps.Keys(res.newContent))
	rel := infra.RelTo(root)
	if diff {
		for _, file := range files {
			old, _ := os.ReadFile(file)
			name := rel(file)
			scrub.addFile(file, old)
			fmt.Fprint(stdout, scrub.scrubText(unifiedDiff("a/"+name, "b/"+name, string(old), string(res.newContent[file]))))
		}
		return findings
	}
	remaining, err := writeFixes("infra", res, findings, nil)
	if err != nil {
		failf("infra", "%v", err)
		*failed = true
	}
	return remaining
}

// infraGoUses runs keyauth (through lint's own load, analysis and
// finding path, so ignore comments and rule switches apply as in lint)
// and the infra use analyzer on the packages of root.
func infraGoUses(root string, out outputFlags, cacheDir string, cat *rules.Catalog, patterns []string) ([]infra.GoUse, bool) {
	wd, _ := os.Getwd()
	if out.Config != "" && !filepath.IsAbs(out.Config) {
		out.Config = filepath.Join(wd, out.Config) // the cache key reads it after the Chdir
	}
	if err := os.Chdir(root); err == nil {
		defer os.Chdir(wd)
	}
	l := newLinter(lintFlags{out: out, cache: cacheDir}, cat)
	l.cwd, l.command = root, "infra"
	opts := analyzers.Options{Catalog: cat, KeepSuppressed: true}
	// all as lint builds it, so that lint and infra share cache entries.
	all := buildAnalyzers(analyzers.All, opts)
	var selected []*analysis.Analyzer
	for _, a := range all {
		if a.Name == "keyauth" {
			selected = append(selected, a)
		}
	}
	use := guarded(infra.NewUseAnalyzer(cat))
	selected = append(selected, use)
	pkgs, graph, err := l.load([]loadUnit{{dir: root, patterns: patterns}}, all, selected)
	if err != nil {
		l.errorf("%v", err)
		return nil, true
	}
	l.reportLoadErrors(pkgs)
	if graph == nil {
		return nil, l.failed
	}
	return l.infraUses(graph, l.collect(graph, nil), use), l.failed
}

// infraUses turns one analysis run into the Go facts of keyless infra:
// the key uses of keyauth's findings (all of them, before any
// -new-from-rev filter) and the results of the use analyzer.
func (l *linter) infraUses(graph *driver.Graph, findings []report.Finding, use *analysis.Analyzer) []infra.GoUse {
	var uses []infra.GoUse
	for _, f := range findings {
		if u, ok := infra.KeyUse(l.cat, f.RuleID, l.abs[f.Path], f.Line, f.Suppression != nil); ok {
			uses = append(uses, u)
		}
	}
	for _, act := range graph.Roots {
		if act.Analyzer == use && act.Err == nil {
			res, _ := act.Result.([]infra.GoUse) // nil: no use in the package
			uses = append(uses, res...)
		}
	}
	return uses
}

// lintInfra is `keyless lint -infra`: the infra checks on the templates
// under the working directory, with the Go facts of the lint run itself
// (one load and type-check for both).
func (l *linter) lintInfra(graph *driver.Graph, all []report.Finding, use *analysis.Analyzer) []report.Finding {
	tmpl, err := readTemplates(l.cwd, l.cat, l.flags.cache, l.flags.out.Config)
	if err != nil {
		l.errorf("reading templates: %v", err)
		return nil
	}
	facts := infra.Facts{Rel: infra.RelTo(l.cwd)}
	if graph != nil {
		facts.Analyzed = true
		facts.Uses = l.infraUses(graph, all, use)
	}
	findings, syntaxErrs := tmpl.Check(facts)
	for _, e := range syntaxErrs {
		l.errorf("%s", e)
	}
	return findings
}
