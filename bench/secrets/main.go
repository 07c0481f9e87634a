//go:build ignore

// main.go is the driver of bench/secrets/run.sh: it writes the generated
// corpus (internal/secrets/corpus), runs the three tools on it and prints
// the comparison. Run it through run.sh, which installs the pinned tools.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/keyless-dev/keyless/analyzers/hardcodedsecret"
	"github.com/keyless-dev/keyless/internal/rules"
	"github.com/keyless-dev/keyless/internal/secrets/corpus"
)

type loc struct {
	file string
	line int
}

// hits maps a corpus line to the rule ids a tool reported there.
type hits map[loc][]string

func main() {
	seed := flag.Uint64("seed", 20250611, "corpus seed")
	n := flag.Int("n", 4, "plantings of each form per rule")
	out := flag.String("out", "", "write the corpus here and keep it (default: a temp dir, removed)")
	gosec := flag.String("gosec", "gosec", "gosec binary")
	gosecVersion := flag.String("gosec-version", "", "gosec version (for the report)")
	gitleaks := flag.String("gitleaks", "gitleaks", "gitleaks binary")
	gitleaksVersion := flag.String("gitleaks-version", "", "gitleaks version (for the report)")
	flag.Parse()

	dir := *out
	if dir == "" {
		d, err := os.MkdirTemp("", "keyless-secrets-corpus-")
		check(err)
		defer os.RemoveAll(d)
		dir = d
	}
	c := corpus.Build(*seed, *n)
	check(c.Write(dir))
	fmt.Printf("corpus: seed %d, %d planted secrets (%d Azure), %d decoys, %d files\n\n",
		*seed, len(c.Planted), countAzure(c), len(c.Decoys), len(c.Files))

	type tool struct {
		name string
		run  func(string) (hits, error)
	}
	tools := []tool{
		{"keyless", runKeyless},
		{"gitleaks " + *gitleaksVersion, func(d string) (hits, error) { return runGitleaks(*gitleaks, d) }},
		{"gosec " + *gosecVersion + " G101", func(d string) (hits, error) { return runGosec(*gosec, d) }},
	}
	results := make([]hits, len(tools))
	for i, t := range tools {
		start := time.Now()
		h, err := t.run(dir)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", t.name, err)
			os.Exit(2)
		}
		results[i] = h
		fmt.Printf("%-24s %6.2fs\n", t.name, time.Since(start).Seconds())
	}
	fmt.Println()

	// Per rule: planted, found by each tool (any rule id at the line; for
	// keyless the planted rule id, "-in-test" folded in).
	byRule := map[string][]corpus.Planted{}
	for _, p := range c.Planted {
		byRule[p.RuleID] = append(byRule[p.RuleID], p)
	}
	ids := c.Rules()
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "rule\tplanted\t%s\t%s\t%s\tothers-only\tkeyless-only\t\n", tools[0].name, tools[1].name, tools[2].name)
	othersOnlyAzure := 0
	for _, id := range ids {
		var found [3]int
		othersOnly, keylessOnly := 0, 0
		for _, p := range byRule[id] {
			k := loc{p.File, p.Line}
			kl := hasRule(results[0][k], id)
			gl, gs := len(results[1][k]) > 0, len(results[2][k]) > 0
			for i, f := range []bool{kl, gl, gs} {
				if f {
					found[i]++
				}
			}
			if !kl && (gl || gs) {
				othersOnly++
				if p.Azure {
					othersOnlyAzure++
				}
			}
			if kl && !gl && !gs {
				keylessOnly++
			}
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t\n", id, len(byRule[id]), found[0], found[1], found[2], othersOnly, keylessOnly)
	}
	w.Flush()

	// Azure secrets by form: where the others lose them.
	fmt.Println("\nAzure secrets by how they are written (found / planted):")
	forms := map[string][]corpus.Planted{}
	for _, p := range c.Planted {
		if p.Azure {
			forms[p.Form] = append(forms[p.Form], p)
		}
	}
	var fs []string
	for f := range forms {
		fs = append(fs, f)
	}
	sort.Strings(fs)
	w = tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "form\tplanted\t%s\t%s\t%s\t\n", tools[0].name, tools[1].name, tools[2].name)
	for _, f := range fs {
		var found [3]int
		for _, p := range forms[f] {
			k := loc{p.File, p.Line}
			if hasRule(results[0][k], p.RuleID) {
				found[0]++
			}
			for i := 1; i < 3; i++ {
				if len(results[i][k]) > 0 {
					found[i]++
				}
			}
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t\n", f, len(forms[f]), found[0], found[1], found[2])
	}
	w.Flush()

	formatTable(c, tools[0].name, tools[1].name, tools[2].name, results)

	// Decoys: look-alikes each tool flags (false positives).
	fmt.Println("\nOther decoys flagged (false positives):")
	w = tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "decoy\tcount\t%s\t%s\t%s\t\n", tools[0].name, tools[1].name, tools[2].name)
	byWhat := map[string][]corpus.Decoy{}
	nDecoys := 0
	for _, d := range c.Decoys {
		if d.Format == "" { // the formats table counts broken keys
			byWhat[d.What] = append(byWhat[d.What], d)
			nDecoys++
		}
	}
	var whats []string
	for k := range byWhat {
		whats = append(whats, k)
	}
	sort.Strings(whats)
	var totals [3]int
	for _, what := range whats {
		var fp [3]int
		for _, d := range byWhat[what] {
			for i := range tools {
				if len(results[i][loc{d.File, d.Line}]) > 0 {
					fp[i]++
					totals[i]++
				}
			}
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t\n", what, len(byWhat[what]), fp[0], fp[1], fp[2])
	}
	fmt.Fprintf(w, "total\t%d\t%d\t%d\t%d\t\n", nDecoys, totals[0], totals[1], totals[2])
	w.Flush()

	if othersOnlyAzure > 0 {
		fmt.Printf("\nFAIL: %d Azure secrets found by gosec or gitleaks but not by keyless\n", othersOnlyAzure)
		os.Exit(1)
	}
	fmt.Println("\nOK: keyless finds every Azure secret gosec or gitleaks finds.")
}

// formatTable compares the tools format by format (corpus.Formats): valid
// keys found (keyless: under the format's rule; the others: any finding
// on the line), broken-checksum keys of the same shape flagged, and a
// summary. A format counts as found when a tool reports every key of it
// that the text identifies: all of them, but for bare constants of a format
// without signature or checksum (32 hex digits), which no tool should be
// expected to tell from random text.
func formatTable(c *corpus.Corpus, keyless, gitleaks, gosec string, results []hits) {
	type row struct {
		keys, identifiable int
		found, foundIdent  [3]int
		decoys             int
		flagged            [3]int
	}
	rows := map[string]*row{}
	get := func(name string) *row {
		if rows[name] == nil {
			rows[name] = &row{}
		}
		return rows[name]
	}
	reported := func(i int, k loc, id string) bool {
		if i == 0 {
			return hasRule(results[0][k], id)
		}
		return len(results[i][k]) > 0
	}
	for _, set := range []struct {
		ps    []corpus.Planted
		ident bool
	}{{c.Planted, true}, {c.Contextless, false}} {
		for _, p := range set.ps {
			if p.Format == "" {
				continue
			}
			r := get(p.Format)
			r.keys++
			if set.ident {
				r.identifiable++
			}
			for i := range results {
				if reported(i, loc{p.File, p.Line}, p.RuleID) {
					r.found[i]++
					if set.ident {
						r.foundIdent[i]++
					}
				}
			}
		}
	}
	for _, d := range c.Decoys {
		if d.Format == "" {
			continue
		}
		r := get(d.Format)
		r.decoys++
		for i := range results {
			if len(results[i][loc{d.File, d.Line}]) > 0 {
				r.flagged[i]++
			}
		}
	}
	fmt.Printf("\nKey formats: %d valid keys of each, bare and in context; %d broken-checksum keys of each checksummed format, bare and in context\n",
		corpus.KeysPerFormat, corpus.DecoysPerFormat)
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "format\tkeys\t%s\t%s\t%s\tdecoys\t%s\t%s\t%s\t\n", keyless, gitleaks, gosec, keyless, gitleaks, gosec)
	var formats, keys, decoys int
	var fFound, kFound, dFlagged [3]int
	for _, f := range corpus.Formats() {
		r := rows[f.Name]
		if r == nil {
			continue
		}
		formats++
		keys += r.keys
		decoys += r.decoys
		for i := range results {
			if r.foundIdent[i] == r.identifiable {
				fFound[i]++
			}
			kFound[i] += r.found[i]
			dFlagged[i] += r.flagged[i]
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", f.Name, r.keys, r.found[0], r.found[1], r.found[2],
			r.decoys, r.flagged[0], r.flagged[1], r.flagged[2])
	}
	w.Flush()
	fmt.Println("\nSummary (README):")
	fmt.Println()
	fmt.Println("| | formats found | valid keys found | decoys flagged |")
	fmt.Println("|---|---|---|---|")
	for i, name := range []string{keyless, gitleaks, gosec} {
		fmt.Printf("| %s | %d / %d | %d / %d | %d / %d |\n", name, fFound[i], formats, kFound[i], keys, dFlagged[i], decoys)
	}
}

func hasRule(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func countAzure(c *corpus.Corpus) int {
	n := 0
	for _, p := range c.Planted {
		if p.Azure {
			n++
		}
	}
	return n
}

// corpusEnv loads the corpus module offline (its only dependency is a
// replaced stub).
func corpusEnv() []string {
	return append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GONOSUMDB=*")
}

func runKeyless(dir string) (hits, error) {
	cfg := &packages.Config{Mode: packages.LoadSyntax, Dir: dir, Tests: true, Env: corpusEnv()}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		return nil, err
	}
	if packages.PrintErrors(pkgs) > 0 {
		return nil, fmt.Errorf("corpus does not load")
	}
	g, err := checker.Analyze([]*analysis.Analyzer{hardcodedsecret.Analyzer}, pkgs, nil)
	if err != nil {
		return nil, err
	}
	h := hits{}
	seen := map[string]bool{}
	for act := range g.All() {
		if act.Analyzer != hardcodedsecret.Analyzer {
			continue
		}
		for _, d := range act.Diagnostics {
			p := act.Package.Fset.Position(d.Pos)
			rel, _ := filepath.Rel(dir, p.Filename)
			id := strings.TrimSuffix(strings.TrimPrefix(d.Category, "hardcodedsecret/"), rules.TestSuffix)
			key := fmt.Sprint(rel, p.Line, id)
			if seen[key] {
				continue
			}
			seen[key] = true
			k := loc{filepath.ToSlash(rel), p.Line}
			h[k] = append(h[k], id)
		}
	}
	return h, nil
}

func runGitleaks(bin, dir string) (hits, error) {
	report := filepath.Join(os.TempDir(), fmt.Sprintf("keyless-bench-gitleaks-%d.json", os.Getpid()))
	defer os.Remove(report)
	cmd := exec.Command(bin, "dir", dir, "--report-format", "json", "--report-path", report,
		"--redact", "--no-banner", "--exit-code", "0", "--log-level", "error")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%v: %s", err, stderr.String())
	}
	data, err := os.ReadFile(report)
	if err != nil {
		return nil, err
	}
	var findings []struct {
		RuleID    string
		File      string
		StartLine int
	}
	if err := json.Unmarshal(data, &findings); err != nil {
		return nil, err
	}
	h := hits{}
	for _, f := range findings {
		rel, err := filepath.Rel(dir, f.File)
		if err != nil || strings.HasPrefix(rel, "..") {
			rel = f.File
		}
		k := loc{filepath.ToSlash(rel), f.StartLine}
		h[k] = append(h[k], f.RuleID)
	}
	return h, nil
}

func runGosec(bin, dir string) (hits, error) {
	cmd := exec.Command(bin, "-include=G101", "-fmt=json", "-no-fail", "-quiet", "-tests", "./...")
	cmd.Dir = dir
	cmd.Env = corpusEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%v: %s", err, stderr.String())
	}
	var report struct {
		Issues []struct {
			RuleID string `json:"rule_id"`
			File   string `json:"file"`
			Line   string `json:"line"`
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		return nil, fmt.Errorf("gosec output: %v", err)
	}
	h := hits{}
	for _, is := range report.Issues {
		line, _ := strconv.Atoi(strings.SplitN(is.Line, "-", 2)[0])
		rel, err := filepath.Rel(dir, is.File)
		if err != nil {
			rel = is.File
		}
		k := loc{filepath.ToSlash(rel), line}
		h[k] = append(h[k], is.RuleID)
	}
	return h, nil
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
