package driver

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"go/ast"
	"go/token"
	"reflect"

	"golang.org/x/tools/go/analysis"
)

// Results of root packages. A root whose key hits (same files, same
// dependencies' keys, same keyless build and configuration) and whose
// analysis succeeded before gets its diagnostics from the cache: its
// files are parsed (the report reads them for //keyless:ignore comments
// and positions) but neither type-checked nor analysed. Positions are
// stored as file name and offset, so they land where they did.

type gobPos struct {
	File   string // "" for token.NoPos
	Offset int
}

type gobEdit struct {
	Pos, End gobPos
	NewText  []byte
}

type gobFix struct {
	Message string
	Edits   []gobEdit
}

type gobRelated struct {
	Pos, End gobPos
	Message  string
}

type gobDiag struct {
	Pos, End          gobPos
	Category, Message string
	URL               string
	Related           []gobRelated
	Fixes             []gobFix
}

type gobAction struct {
	Analyzer string
	Diags    []gobDiag
	// Result is the gob encoding of the Result of an analyzer the caller
	// named that has a ResultType (keyless infra's use analyzer reads
	// one); empty for a nil Result. A Result gob cannot encode keeps the
	// package out of the results cache.
	Result []byte
}

// resultsKey is the key of n's results: n's key and the analyzers run.
func (r *run) resultsKey(n *node) [32]byte {
	w := keyWriter{sha256.New()}
	w.str("results")
	w.bytes(n.key[:])
	for _, a := range r.rootOrder {
		w.str(fmt.Sprintf("%s %v", a.Name, r.isRoot[a]))
	}
	var k [32]byte
	copy(k[:], w.h.Sum(nil))
	return k
}

// storeResults records the diagnostics of n's actions; it stores
// nothing when one points outside n's files.
func (r *run) storeResults(n *node) bool {
	files := map[string]bool{}
	for _, f := range n.pkg.Syntax {
		files[r.fset.File(f.FileStart).Name()] = true
	}
	ok := true
	pos := func(p token.Pos) gobPos {
		if !p.IsValid() {
			return gobPos{Offset: -1}
		}
		f := r.fset.File(p)
		if f == nil || !files[f.Name()] {
			ok = false
			return gobPos{}
		}
		return gobPos{f.Name(), f.Offset(p)}
	}
	var acts []gobAction
	for _, a := range r.rootOrder {
		act := n.actions[a]
		ga := gobAction{Analyzer: a.Name}
		for _, d := range act.Diagnostics {
			gd := gobDiag{Pos: pos(d.Pos), End: pos(d.End), Category: d.Category, Message: d.Message, URL: d.URL}
			for _, rel := range d.Related {
				gd.Related = append(gd.Related, gobRelated{pos(rel.Pos), pos(rel.End), rel.Message})
			}
			for _, fix := range d.SuggestedFixes {
				gf := gobFix{Message: fix.Message}
				for _, e := range fix.TextEdits {
					gf.Edits = append(gf.Edits, gobEdit{pos(e.Pos), pos(e.End), e.NewText})
				}
				gd.Fixes = append(gd.Fixes, gf)
			}
			ga.Diags = append(ga.Diags, gd)
		}
		if r.isRoot[a] && a.ResultType != nil && act.Result != nil {
			var rb bytes.Buffer
			if err := gob.NewEncoder(&rb).EncodeValue(reflect.ValueOf(act.Result)); err != nil {
				return false
			}
			ga.Result = rb.Bytes()
		}
		acts = append(acts, ga)
	}
	if !ok {
		return false
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(acts); err != nil {
		return false
	}
	return r.cfg.Cache.Put(r.resultsKey(n), buf.Bytes()) == nil
}

// loadResults restores n from the cache: types and facts from its
// entry, syntax from its files, diagnostics from its results. Any
// failure leaves n to be analysed from source.
func (r *run) loadResults(n *node) (ok bool) {
	data, ok := r.cfg.Cache.Get(r.resultsKey(n))
	if !ok {
		return false
	}
	var acts []gobAction
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&acts); err != nil || len(acts) != len(r.rootOrder) {
		return false
	}
	payload, ok := r.cfg.Cache.Get(n.key)
	if !ok {
		return false
	}
	// The report reads the syntax of files with diagnostics only (for
	// //keyless:ignore comments): a package without any is not parsed.
	var files []*ast.File
	for _, ga := range acts {
		if len(ga.Diags) > 0 {
			var errs []error
			files, errs = r.parseFiles(n.pkg.CompiledGoFiles)
			if len(errs) > 0 || len(files) != len(n.pkg.CompiledGoFiles) {
				return false
			}
			break
		}
	}
	byName := map[string]*token.File{}
	for _, f := range files {
		tf := r.fset.File(f.FileStart)
		byName[tf.Name()] = tf
	}
	valid := true
	pos := func(p gobPos) token.Pos {
		if p.File == "" {
			return token.NoPos
		}
		tf := byName[p.File]
		if tf == nil || p.Offset < 0 || p.Offset > tf.Size() {
			valid = false
			return token.NoPos
		}
		return tf.Pos(p.Offset)
	}
	diags := make([][]analysis.Diagnostic, len(acts))
	for i, ga := range acts {
		if ga.Analyzer != r.rootOrder[i].Name {
			return false
		}
		for _, gd := range ga.Diags {
			d := analysis.Diagnostic{Pos: pos(gd.Pos), End: pos(gd.End), Category: gd.Category, Message: gd.Message, URL: gd.URL}
			for _, rel := range gd.Related {
				d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos(rel.Pos), End: pos(rel.End), Message: rel.Message})
			}
			for _, gf := range gd.Fixes {
				fix := analysis.SuggestedFix{Message: gf.Message}
				for _, e := range gf.Edits {
					fix.TextEdits = append(fix.TextEdits, analysis.TextEdit{Pos: pos(e.Pos), End: pos(e.End), NewText: e.NewText})
				}
				d.SuggestedFixes = append(d.SuggestedFixes, fix)
			}
			diags[i] = append(diags[i], d)
		}
	}
	if !valid {
		return false
	}
	results := make([]any, len(acts))
	for i, ga := range acts {
		a := r.rootOrder[i]
		if !r.isRoot[a] || a.ResultType == nil || len(ga.Result) == 0 {
			continue
		}
		v := reflect.New(a.ResultType)
		if err := gob.NewDecoder(bytes.NewReader(ga.Result)).DecodeValue(v); err != nil {
			return false
		}
		results[i] = v.Elem().Interface()
	}
	n.entry = payload // types and facts: materialize
	n.pkg.Fset, n.pkg.TypesSizes, n.pkg.Syntax = r.fset, r.sizes(n.pkg), files
	for i, a := range r.rootOrder {
		act := &Action{Analyzer: a, Package: n.pkg, IsRoot: r.isRoot[a], Diagnostics: diags[i], Result: results[i]}
		n.actions[a] = act
		r.record(act)
	}
	return true
}
