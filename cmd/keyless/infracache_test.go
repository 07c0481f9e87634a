package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/infra"
	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/rules"
)

// TestTemplateCache: the infra findings of unchanged templates and Go
// facts come from the cache without parsing; a changed template, other
// Go facts or another rules file parse again; syntax errors are never
// cached.
func TestTemplateCache(t *testing.T) {
	dir := copyTree(t, infraDir(t))
	cacheDir := t.TempDir()
	cat := rules.Default()
	run := func(facts infra.Facts, config string) (findings []report.Finding, errs []*infra.SyntaxError, parsed bool) {
		t.Helper()
		ts, err := readTemplates(dir, cat, cacheDir, config)
		if err != nil {
			t.Fatal(err)
		}
		findings, errs = ts.Check(facts)
		return findings, errs, ts.repo != nil
	}
	templatesOnly := infra.Facts{Rel: infra.RelTo(dir)}

	cold, _, parsed := run(templatesOnly, "")
	if !parsed || len(cold) == 0 {
		t.Fatalf("cold run: parsed %v, %d findings; want a parse and findings", parsed, len(cold))
	}
	warm, _, parsed := run(templatesOnly, "")
	if parsed {
		t.Error("warm run parsed the templates: want its findings from the cache")
	}
	if !reflect.DeepEqual(cold, warm) {
		t.Errorf("warm findings differ from cold ones:\n%v\n%v", warm, cold)
	}

	withGo := infra.Facts{Rel: infra.RelTo(dir), Analyzed: true, Uses: []infra.GoUse{{Service: "openai", Kind: infra.UseKey, File: filepath.Join(dir, "chat", "chat.go"), Line: 10}}}
	if _, _, parsed := run(withGo, ""); !parsed {
		t.Error("other Go facts: served from the cache")
	}

	config := filepath.Join(t.TempDir(), "keyless.yaml")
	if err := os.WriteFile(config, []byte("disable: [infra/broad-role]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, parsed := run(templatesOnly, config); !parsed {
		t.Error("another rules file: served from the cache")
	}

	// An output that hands out a key: a new finding, not the cached ones.
	main := filepath.Join(dir, "infra", "main.bicep")
	src, err := os.ReadFile(main)
	if err != nil {
		t.Fatal(err)
	}
	leak := "\noutput leakedKey string = st.listKeys().keys[0].value\n"
	if err := os.WriteFile(main, append(src, leak...), 0o644); err != nil {
		t.Fatal(err)
	}
	edited, _, parsed := run(templatesOnly, "")
	if !parsed || len(edited) != len(cold)+1 {
		t.Errorf("edited template: parsed %v, %d findings, want a parse and %d", parsed, len(edited), len(cold)+1)
	}

	broken := filepath.Join(dir, "infra", "broken.bicep")
	if err := os.WriteFile(broken, []byte("resource x 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'x'\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		_, errs, parsed := run(templatesOnly, "")
		if !parsed || len(errs) == 0 || !strings.Contains(errs[0].Error(), "broken.bicep") {
			t.Errorf("run %d with a syntax error: parsed %v, errors %v; want a parse and the error every time", i, parsed, errs)
		}
	}
}
