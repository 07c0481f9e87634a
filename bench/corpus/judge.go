//go:build ignore

// judge.go is the helper of bench/corpus/run.sh:
//
//	go run judge.go score EXPECT MODULE FINDINGS.json
//	    prints "findings tp fp dup unjudged missing" for MODULE: each
//	    finding of the keyless JSON report joined, by path:line:rule, with
//	    the verdicts of EXPECT (expectations.tsv), and how many expected
//	    findings keyless no longer reports;
//	go run judge.go fixes EXPECT MODULE FIXLOG
//	    prints how many of the fixes `keyless lint -fix` logged in FIXLOG
//	    ("fixed PATH:LINE:COL: RULE: …") EXPECT judges mergeable;
//	go run judge.go review ORIG FIXED
//	    runs the reviewer's checklist (internal/fixreview) on every Go file
//	    that -fix changed, prints the problems, then their count alone on
//	    the last line.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/keyless-dev/keyless/internal/fixreview"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	switch os.Args[1] {
	case "score":
		if len(os.Args) != 5 {
			usage()
		}
		score(os.Args[2], os.Args[3], os.Args[4])
	case "fixes":
		if len(os.Args) != 5 {
			usage()
		}
		fixes(os.Args[2], os.Args[3], os.Args[4])
	case "review":
		if len(os.Args) != 4 {
			usage()
		}
		probs, _, err := fixreview.CheckTree(os.Args[2], os.Args[3])
		if err != nil {
			fail(err)
		}
		for _, p := range probs {
			fmt.Fprintln(os.Stderr, "fixreview:", p)
		}
		fmt.Println(len(probs))
	default:
		usage()
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: go run judge.go score EXPECT MODULE FINDINGS.json | fixes EXPECT MODULE FIXLOG | review ORIG FIXED")
	os.Exit(2)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "judge:", err)
	os.Exit(2)
}

// fixLine is a fix `keyless lint -fix` logged: path:line:col: rule: …
var fixLine = regexp.MustCompile(`fixed (\S+?):(\d+):\d+: (\S+?): `)

func fixes(expectPath, module, logPath string) {
	verdicts := expectations(expectPath, module, 5)
	data, err := os.ReadFile(logPath)
	if err != nil {
		fail(err)
	}
	n := 0
	for _, m := range fixLine.FindAllStringSubmatch(string(data), -1) {
		k := m[1] + ":" + m[2] + ":" + m[3]
		switch v := verdicts[k]; v {
		case "mergeable":
			n++
		default:
			fmt.Fprintf(os.Stderr, "fix judged %q: %s %s\n", v, module, k)
		}
	}
	fmt.Println(n)
}

// expectations returns column col of EXPECT's rows for module, by
// path:line:rule.
func expectations(expectPath, module string, col int) map[string]string {
	verdicts := map[string]string{}
	f, err := os.Open(expectPath)
	if err != nil {
		fail(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 5 {
			fail(fmt.Errorf("%s: want module, path, line, rule, verdict: %q", expectPath, line))
		}
		if cols[0] == module && col < len(cols) {
			verdicts[cols[1]+":"+cols[2]+":"+cols[3]] = cols[col]
		}
	}
	if err := sc.Err(); err != nil {
		fail(err)
	}
	return verdicts
}

func score(expectPath, module, findingsPath string) {
	verdicts := expectations(expectPath, module, 4)
	data, err := os.ReadFile(findingsPath)
	if err != nil {
		fail(err)
	}
	var findings []struct {
		RuleID     string `json:"ruleId"`
		Path       string `json:"path"`
		Line       int    `json:"line"`
		Suppressed bool   `json:"suppressed"`
	}
	if err := json.Unmarshal(data, &findings); err != nil {
		fail(fmt.Errorf("%s: %v", findingsPath, err))
	}
	counts := map[string]int{}
	seen := map[string]bool{}
	n := 0
	for _, x := range findings {
		if x.Suppressed {
			continue
		}
		n++
		k := fmt.Sprintf("%s:%d:%s", x.Path, x.Line, x.RuleID)
		seen[k] = true
		v, ok := verdicts[k]
		if !ok {
			fmt.Fprintln(os.Stderr, "unjudged:", module, k)
			v = "unjudged"
		}
		counts[v]++
	}
	missing := 0
	for k, v := range verdicts {
		if !seen[k] && v == "tp" {
			fmt.Fprintln(os.Stderr, "no longer reported:", module, k)
			missing++
		}
	}
	fmt.Println(n, counts["tp"], counts["fp"], counts["dup"], counts["unjudged"], missing)
}
