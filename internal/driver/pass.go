package driver

import (
	"errors"
	"fmt"
	"go/types"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// analyze runs analyzers (in order: what an analyzer requires comes
// first) on n, whose types are loaded. isRoot marks the actions whose
// diagnostics are reported. Errors read as checker's do.
func (r *run) analyze(n *node, order []*analysis.Analyzer, isRoot map[*analysis.Analyzer]bool, record bool) {
	for _, a := range order {
		act := &Action{Analyzer: a, Package: n.pkg, IsRoot: n.root && isRoot[a]}
		n.actions[a] = act
		if record {
			r.record(act)
		}
		var failed []string
		for _, req := range a.Requires {
			if dep := n.actions[req]; dep.Err != nil {
				failed = append(failed, dep.String())
			}
		}
		if len(a.FactTypes) > 0 {
			for _, d := range n.deps {
				if dep := d.node.actions[a]; dep != nil && dep.Err != nil {
					failed = append(failed, dep.String())
				}
			}
		}
		if failed != nil {
			sort.Strings(failed)
			act.Err = fmt.Errorf("failed prerequisites: %s", strings.Join(failed, ", "))
			continue
		}
		act.Result, act.Err = r.runPass(n, act)
	}
}

func (r *run) runPass(n *node, act *Action) (any, error) {
	a, p := act.Analyzer, n.pkg
	own := n.facts[a]
	if own == nil && len(a.FactTypes) > 0 {
		own = newFactSet()
		n.facts[a] = own
	}
	inputs := map[*analysis.Analyzer]any{}
	for _, req := range a.Requires {
		inputs[req] = n.actions[req].Result
	}
	module := &analysis.Module{}
	if m := p.Module; m != nil {
		module = &analysis.Module{Path: m.Path, Version: m.Version, GoVersion: m.GoVersion}
	}
	pass := &analysis.Pass{
		Analyzer:     a,
		Fset:         p.Fset,
		Files:        p.Syntax,
		OtherFiles:   p.OtherFiles,
		IgnoredFiles: p.IgnoredFiles,
		Pkg:          p.Types,
		TypesInfo:    p.TypesInfo,
		TypesSizes:   p.TypesSizes,
		TypeErrors:   p.TypeErrors,
		Module:       module,
		ResultOf:     inputs,
		Report: func(d analysis.Diagnostic) {
			if err := validateFixes(p.Fset, a, d.SuggestedFixes); err != nil {
				panic(err) // as checker does
			}
			act.Diagnostics = append(act.Diagnostics, d)
		},
	}
	pass.ImportObjectFact = func(obj types.Object, ptr analysis.Fact) bool {
		if obj == nil {
			panic("nil object")
		}
		fs := own
		if obj.Pkg() != p.Types {
			owner := r.owner(obj.Pkg())
			if owner == nil || !exportedFrom(obj, owner.pkg.Types) {
				return false
			}
			fs = owner.facts[a]
		}
		return fs.lookupObject(obj, ptr)
	}
	pass.ImportPackageFact = func(pkg *types.Package, ptr analysis.Fact) bool {
		if pkg == nil {
			panic("nil package")
		}
		fs := own
		if pkg != p.Types {
			owner := r.owner(pkg)
			if owner == nil {
				return false
			}
			fs = owner.facts[a]
		}
		return fs.lookupPackage(ptr)
	}
	pass.ExportObjectFact = func(obj types.Object, fact analysis.Fact) {
		if obj.Pkg() != p.Types {
			panic(fmt.Sprintf("internal error: in analysis %s of package %s: Fact.Set(%s, %T): can't set facts on objects belonging another package", a, p.ID, obj, fact))
		}
		own.mu.Lock()
		own.objs[objectFactKey{obj, factType(fact)}] = fact
		own.mu.Unlock()
	}
	pass.ExportPackageFact = func(fact analysis.Fact) {
		own.mu.Lock()
		own.pkg[factType(fact)] = fact
		own.mu.Unlock()
	}
	pass.AllObjectFacts = func() []analysis.ObjectFact { return r.allObjectFacts(n, a) }
	pass.AllPackageFacts = func() []analysis.PackageFact { return r.allPackageFacts(n, a) }
	pass.ReadFile = func(filename string) ([]byte, error) {
		if err := checkReadable(pass, filename); err != nil {
			return nil, err
		}
		return os.ReadFile(filename)
	}
	defer func() { pass.ExportObjectFact, pass.ExportPackageFact = nil, nil }()

	if p.IllTyped && !a.RunDespiteErrors {
		return nil, errors.New("analysis skipped due to errors in package")
	}
	res, err := a.Run(pass)
	if err != nil {
		return nil, err
	}
	if got, want := reflect.TypeOf(res), a.ResultType; got != want {
		return nil, fmt.Errorf("internal error: on package %s, analyzer %s returned a result of type %v, but declared ResultType %v", p.Types.Path(), a, got, want)
	}
	return res, nil
}

func checkReadable(pass *analysis.Pass, filename string) error {
	if slices.Contains(pass.OtherFiles, filename) || slices.Contains(pass.IgnoredFiles, filename) {
		return nil
	}
	for _, f := range pass.Files {
		if pass.Fset.File(f.FileStart).Name() == filename {
			return nil
		}
	}
	return fmt.Errorf("Pass.ReadFile: %s is not among OtherFiles, IgnoredFiles, or names of Files", filename)
}

func (fs *factSet) lookupObject(obj types.Object, ptr analysis.Fact) bool {
	if fs == nil {
		return false
	}
	fs.mu.Lock()
	v, ok := fs.objs[objectFactKey{obj, factType(ptr)}]
	fs.mu.Unlock()
	if ok {
		reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(v).Elem())
	}
	return ok
}

func (fs *factSet) lookupPackage(ptr analysis.Fact) bool {
	if fs == nil {
		return false
	}
	fs.mu.Lock()
	v, ok := fs.pkg[factType(ptr)]
	fs.mu.Unlock()
	if ok {
		reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(v).Elem())
	}
	return ok
}

// closure lists n and its dependencies, direct or not.
func closure(n *node) []*node {
	seen := map[*node]bool{n: true}
	out := []*node{n}
	for i := 0; i < len(out); i++ {
		for _, d := range out[i].deps {
			if !seen[d.node] {
				seen[d.node] = true
				out = append(out, d.node)
			}
		}
	}
	return out
}

func (r *run) allObjectFacts(n *node, a *analysis.Analyzer) []analysis.ObjectFact {
	var out []analysis.ObjectFact
	for _, m := range closure(n) {
		fs := m.facts[a]
		if fs == nil {
			continue
		}
		fs.mu.Lock()
		for k, f := range fs.objs {
			if m == n || exportedFrom(k.obj, m.pkg.Types) {
				out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
			}
		}
		fs.mu.Unlock()
	}
	return out
}

func (r *run) allPackageFacts(n *node, a *analysis.Analyzer) []analysis.PackageFact {
	var out []analysis.PackageFact
	for _, m := range closure(n) {
		fs := m.facts[a]
		if fs == nil {
			continue
		}
		fs.mu.Lock()
		for _, f := range fs.pkg {
			out = append(out, analysis.PackageFact{Package: m.pkg.Types, Fact: f})
		}
		fs.mu.Unlock()
	}
	return out
}
