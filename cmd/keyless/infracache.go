package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"

	"github.com/keyless-dev/keyless/internal/driver"
	"github.com/keyless-dev/keyless/internal/infra"
	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/rules"
)

// The infra pass reads every template of the repository on every lint
// -infra and pre-commit run, while the templates rarely change: its
// findings are kept in lint's cache, keyed by keyless's executable, the
// rules configuration, the root, every template's path and contents, and
// the Go facts the checks read. A warm run reads and hashes the
// templates and parses none.

// templateSet is the templates under a root, read once.
type templateSet struct {
	root   string
	cat    *rules.Catalog
	paths  []string
	srcs   [][]byte      // their contents
	cache  *driver.Cache // nil: nothing cached
	digest [32]byte      // salt, root, every template's path and contents
	repo   *infra.Repo   // parsed on first need
}

// keyFormatInfra changes whenever what goes into the keys or entries
// below changes.
const keyFormatInfra = "keyless-infra 1"

// readTemplates lists, reads and hashes the templates under root.
// cacheDir and config are lint's -cache and -config.
func readTemplates(root string, cat *rules.Catalog, cacheDir, config string) (*templateSet, error) {
	paths, err := infra.Find(root)
	if err != nil {
		return nil, err
	}
	srcs, err := infra.ReadFiles(paths)
	if err != nil {
		return nil, err
	}
	t := &templateSet{root: root, cat: cat, paths: paths, srcs: srcs}
	c, exe, err := openCacheFlag(cacheDir, "infra")
	if c == nil {
		return t, err
	}
	w := sha256.New()
	fmt.Fprintf(w, "%s\x00%x\x00%s\x00", keyFormatInfra, exe, root)
	if config != "" {
		data, err := os.ReadFile(config)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(w, "config %d\x00", len(data))
		w.Write(data)
	}
	for i, p := range paths {
		fmt.Fprintf(w, "%s\x00%x\x00", filepath.ToSlash(p), sha256.Sum256(srcs[i]))
	}
	copy(t.digest[:], w.Sum(nil))
	t.cache = c
	return t, nil
}

// parsed parses the templates, once.
func (t *templateSet) parsed() *infra.Repo {
	if t.repo == nil {
		t.repo = infra.Parse(t.root, t.paths, t.srcs, t.cat)
	}
	return t.repo
}

// key derives an entry's key from the templates' digest.
func (t *templateSet) key(parts ...any) [32]byte {
	w := sha256.New()
	w.Write(t.digest[:])
	for _, p := range parts {
		fmt.Fprintf(w, "\x00%#v", p)
	}
	var k [32]byte
	copy(k[:], w.Sum(nil))
	return k
}

// NeedsGo is infra.Repo.NeedsGo (Check reports the syntax errors).
func (t *templateSet) NeedsGo() bool {
	key := t.key("needs-go")
	if t.cache != nil {
		if b, ok := t.cache.Get(key); ok && len(b) == 1 {
			return b[0] == 1
		}
	}
	repo := t.parsed()
	needs := repo.NeedsGo(t.cat)
	if t.cache != nil && len(repo.Errors) == 0 {
		b := byte(0)
		if needs {
			b = 1
		}
		_ = t.cache.Put(key, []byte{b})
	}
	return needs
}

// Check is infra.Check on the templates with facts; errs are the
// templates' syntax errors (the rest of each file is still checked). A
// run with syntax errors is not cached: they are reported every time.
func (t *templateSet) Check(facts infra.Facts) (findings []report.Finding, errs []*infra.SyntaxError) {
	key := t.key("check", facts.Analyzed, facts.Uses)
	if t.cache != nil {
		if b, ok := t.cache.Get(key); ok {
			var cached []report.Finding
			if gob.NewDecoder(bytes.NewReader(b)).Decode(&cached) == nil {
				return cached, nil
			}
		}
	}
	repo := t.parsed()
	findings = infra.Check(repo, facts, t.cat)
	if t.cache != nil && len(repo.Errors) == 0 {
		var buf bytes.Buffer
		if gob.NewEncoder(&buf).Encode(findings) == nil {
			_ = t.cache.Put(key, buf.Bytes())
		}
	}
	return findings, repo.Errors
}
