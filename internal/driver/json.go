package driver

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"io"

	"golang.org/x/tools/go/analysis"
)

// PrintJSON prints the go/analysis JSON tree (as go vet -json and
// checker.Graph.PrintJSON do): by package id and analyzer, the root
// actions' diagnostics and every action's error.
func (g *Graph) PrintJSON(w io.Writer) error {
	tree := map[string]map[string]any{}
	for _, act := range g.all {
		var v any
		switch {
		case act.Err != nil:
			v = jsonError{act.Err.Error()}
		case act.IsRoot && len(act.Diagnostics) > 0:
			v = jsonDiagnostics(act.Package.Fset, act.Diagnostics)
		default:
			continue
		}
		m := tree[act.Package.ID]
		if m == nil {
			m = map[string]any{}
			tree[act.Package.ID] = m
		}
		m[act.Analyzer.Name] = v
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

type jsonError struct {
	Err string `json:"error"`
}

type jsonTextEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

type jsonSuggestedFix struct {
	Message string         `json:"message"`
	Edits   []jsonTextEdit `json:"edits"`
}

type jsonDiagnostic struct {
	Category       string             `json:"category,omitempty"`
	Posn           string             `json:"posn"`
	End            string             `json:"end"`
	Message        string             `json:"message"`
	SuggestedFixes []jsonSuggestedFix `json:"suggested_fixes,omitempty"`
	Related        []jsonRelated      `json:"related,omitempty"`
}

type jsonRelated struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

func jsonDiagnostics(fset *token.FileSet, diags []analysis.Diagnostic) []jsonDiagnostic {
	out := make([]jsonDiagnostic, 0, len(diags))
	for _, d := range diags {
		var fixes []jsonSuggestedFix
		for _, fix := range d.SuggestedFixes {
			var edits []jsonTextEdit
			for _, e := range fix.TextEdits {
				edits = append(edits, jsonTextEdit{
					Filename: fset.Position(e.Pos).Filename,
					Start:    fset.Position(e.Pos).Offset,
					End:      fset.Position(e.End).Offset,
					New:      string(e.NewText),
				})
			}
			fixes = append(fixes, jsonSuggestedFix{Message: fix.Message, Edits: edits})
		}
		var related []jsonRelated
		for _, rel := range d.Related {
			related = append(related, jsonRelated{
				Posn:    fset.Position(rel.Pos).String(),
				End:     fset.Position(cmp.Or(rel.End, rel.Pos)).String(),
				Message: rel.Message,
			})
		}
		out = append(out, jsonDiagnostic{
			Category:       d.Category,
			Posn:           fset.Position(d.Pos).String(),
			End:            fset.Position(cmp.Or(d.End, d.Pos)).String(),
			Message:        d.Message,
			SuggestedFixes: fixes,
			Related:        related,
		})
	}
	return out
}
