package main

import (
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/rules"
)

func runExplain(args []string) int {
	fs := newFlagSet("explain", "[flags] RULE", "Print a rule's documentation: title, why, severity, CWE, and code before and after the fix.\nThe same text is the SARIF help of the rule.")
	config := fs.String("config", "", "rules `file` layered over the embedded rules.yaml")
	rest, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(rest) != 1 {
		fs.Usage()
		return 2
	}
	cat, err := rules.Load(*config)
	if err != nil {
		return failf("explain", "%v", err)
	}
	id := rest[0]
	d, found := cat.Lookup(id)
	if !found {
		// Accept a rule name without its analyzer ("azopenai-key-credential").
		var matches []string
		for _, doc := range cat.Docs() {
			if strings.HasSuffix(doc.ID, "/"+id) {
				matches = append(matches, doc.ID)
			}
		}
		if len(matches) != 1 {
			msg := fmt.Sprintf("unknown rule %q; \"keyless rules\" lists them", id)
			if len(matches) > 1 {
				msg = fmt.Sprintf("rule %q is ambiguous: %s", id, strings.Join(matches, ", "))
			}
			return failf("explain", "%s", msg)
		}
		d, _ = cat.Lookup(matches[0])
	}
	fmt.Fprint(stdout, report.HelpText(d))
	return 0
}

func runRules(args []string) int {
	fs := newFlagSet("rules", "[flags]", "List every rule id keyless can report, with its severity and title.")
	config := fs.String("config", "", "rules `file` layered over the embedded rules.yaml")
	rest, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return failf("rules", "takes no arguments")
	}
	cat, err := rules.Load(*config)
	if err != nil {
		return failf("rules", "%v", err)
	}
	docs := cat.Docs()
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for _, d := range docs {
		state := ""
		if !cat.Enabled(d.ID) {
			state = " (disabled)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s%s\n", d.ID, d.Severity, d.Title, state)
	}
	if err := tw.Flush(); err != nil {
		return failf("rules", "%v", err)
	}
	return 0
}
