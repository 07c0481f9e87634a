package lintutil

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// MustExtractDoc returns an analyzer's Doc from the source of its
// package's doc.go, so that the two cannot say different things. The
// package doc comment holds a section
//
//	# Analyzer NAME
//
//	NAME: summary of the rule
//
//	Full description…
//
// and Doc is that section after "NAME: ", up to the next heading. The
// analyzer package embeds its doc.go:
//
//	//go:embed doc.go
//	var doc string
//
// A doc.go without the section is a build defect: it panics.
func MustExtractDoc(content, name string) string {
	doc, err := extractDoc(content, name)
	if err != nil {
		panic("keyless: analyzer " + name + ": " + err.Error())
	}
	return doc
}

func extractDoc(content, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", fmt.Errorf("doc.go: %v", err)
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc.go has no package doc comment")
	}
	for section := range strings.SplitSeq(f.Doc.Text(), "\n# ") {
		body, ok := strings.CutPrefix(section, "Analyzer "+name+"\n")
		if !ok {
			continue
		}
		body = strings.TrimSpace(body)
		rest, ok := strings.CutPrefix(body, name+":")
		if !ok {
			return "", fmt.Errorf("doc.go: heading %q is not followed by %q", "# Analyzer "+name, name+": summary")
		}
		return strings.TrimSpace(rest), nil
	}
	return "", fmt.Errorf("doc.go: package doc has no %q heading", "# Analyzer "+name)
}
