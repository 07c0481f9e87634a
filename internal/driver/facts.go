package driver

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"go/types"
	"reflect"
	"sort"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// factSet holds the facts one analyzer exported for one package: about
// the package and about its own objects.
type factSet struct {
	mu   sync.Mutex
	objs map[objectFactKey]analysis.Fact
	pkg  map[reflect.Type]analysis.Fact
}

type objectFactKey struct {
	obj types.Object
	typ reflect.Type
}

func newFactSet() *factSet {
	return &factSet{objs: map[objectFactKey]analysis.Fact{}, pkg: map[reflect.Type]analysis.Fact{}}
}

func factType(f analysis.Fact) reflect.Type {
	t := reflect.TypeOf(f)
	if t.Kind() != reflect.Pointer {
		panic(fmt.Sprintf("invalid Fact type: got %T, want pointer", f))
	}
	return t
}

// exportedFrom reports whether a fact about obj may be seen by importers
// of pkg: as checker's inheritFacts decides, so that the two drivers
// agree.
func exportedFrom(obj types.Object, pkg *types.Package) bool {
	switch obj := obj.(type) {
	case *types.Func:
		return obj.Exported() && obj.Pkg() == pkg || obj.Signature().Recv() != nil
	case *types.Var:
		return obj.IsField() || obj.Pkg() == pkg
	case *types.TypeName, *types.Const:
		return true
	}
	return false
}

// gobFact is one fact in a cache entry; Object is "" for a package fact.
type gobFact struct {
	Analyzer string
	Object   objectpath.Path
	Fact     analysis.Fact
}

// encodeFacts serializes the facts n's package exported, in a
// deterministic order. Facts about objects that have no object path
// (local ones) cannot be seen by importers and are dropped, as
// unitchecker does.
func encodeFacts(n *node, analyzers []*analysis.Analyzer) ([]byte, error) {
	var out []gobFact
	var enc objectpath.Encoder
	for _, a := range analyzers {
		fs := n.facts[a]
		if fs == nil {
			continue
		}
		var pkgFacts []gobFact
		for _, f := range fs.pkg {
			pkgFacts = append(pkgFacts, gobFact{Analyzer: a.Name, Fact: f})
		}
		var objFacts []gobFact
		for k, f := range fs.objs {
			if !exportedFrom(k.obj, n.pkg.Types) {
				continue
			}
			path, err := enc.For(k.obj)
			if err != nil {
				continue
			}
			objFacts = append(objFacts, gobFact{Analyzer: a.Name, Object: path, Fact: f})
		}
		sort.Slice(pkgFacts, func(i, j int) bool {
			return reflect.TypeOf(pkgFacts[i].Fact).String() < reflect.TypeOf(pkgFacts[j].Fact).String()
		})
		sort.Slice(objFacts, func(i, j int) bool {
			if objFacts[i].Object != objFacts[j].Object {
				return objFacts[i].Object < objFacts[j].Object
			}
			return reflect.TypeOf(objFacts[i].Fact).String() < reflect.TypeOf(objFacts[j].Fact).String()
		})
		out = append(append(out, pkgFacts...), objFacts...)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// decodeFacts restores facts encoded by encodeFacts onto n's package,
// whose types came from the same entry. A fact whose object is not in
// the export data is dropped (importers cannot name it); any other
// inconsistency fails the entry, which is then recomputed.
func decodeFacts(n *node, data []byte, byName map[string]*analysis.Analyzer) error {
	var in []gobFact
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&in); err != nil {
		return err
	}
	for _, gf := range in {
		a := byName[gf.Analyzer]
		if a == nil || gf.Fact == nil {
			return fmt.Errorf("fact of unknown analyzer %q", gf.Analyzer)
		}
		fs := n.facts[a]
		if fs == nil {
			fs = newFactSet()
			n.facts[a] = fs
		}
		if gf.Object == "" {
			fs.pkg[factType(gf.Fact)] = gf.Fact
			continue
		}
		obj, err := objectpath.Object(n.pkg.Types, gf.Object)
		if err != nil {
			continue
		}
		fs.objs[objectFactKey{obj, factType(gf.Fact)}] = gf.Fact
	}
	return nil
}

// registerFacts makes analyzers' fact types known to gob.
func registerFacts(analyzers []*analysis.Analyzer) {
	for _, a := range analyzers {
		for _, f := range a.FactTypes {
			gob.Register(f)
		}
	}
}
