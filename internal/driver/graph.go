package driver

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Config configures Analyze.
type Config struct {
	// Cache holds dependencies' export data and facts; nil analyses
	// every dependency from source and writes nothing.
	Cache *Cache
	// Salt is mixed into every cache key: whatever, besides the
	// package and its dependencies, decides types and facts (the
	// analyzers' build and configuration).
	Salt []byte
	// Scope, when not nil, names the packages through which facts can
	// arise: a dependency that imports none of them, directly or not,
	// and is not first-party (in a main module) is type-checked without
	// function bodies, since no analyzer can derive a fact from it
	// (keyauth: the cataloged packages; broadrole: first-party code).
	Scope func(pkgPath string) bool
	// ParseFile parses a file as packages.Config.ParseFile does; nil
	// uses parser.ParseFile with comments.
	ParseFile func(fset *token.FileSet, filename string, src []byte) (*ast.File, error)
	// Fset holds the positions of every package; nil makes a new one.
	Fset *token.FileSet
	// Stats, when not nil, is filled with what the run did.
	Stats *Stats
}

// Stats counts what a run did: dependencies from the cache (Hits) and
// from source (Misses), roots, roots whose results came from the cache,
// entries written.
type Stats struct {
	Hits, Misses, Roots, RootHits, Written int
}

// Graph is the result of Analyze, shaped like checker.Graph.
type Graph struct {
	// Roots has one action per analyzer per root package.
	Roots []*Action
	all   []*Action // every action, roots and dependencies'
}

// Action is one analyzer run on one package, as checker.Action.
type Action struct {
	Analyzer    *analysis.Analyzer
	Package     *packages.Package
	IsRoot      bool
	Result      any
	Err         error
	Diagnostics []analysis.Diagnostic
}

// FromChecker wraps a checker.Graph (the from-source driver keyless
// used before this one) so that callers handle both alike.
func FromChecker(cg *checker.Graph) *Graph {
	g := &Graph{}
	conv := map[*checker.Action]*Action{}
	for ca := range cg.All() {
		act := &Action{Analyzer: ca.Analyzer, Package: ca.Package, IsRoot: ca.IsRoot, Result: ca.Result, Err: ca.Err, Diagnostics: ca.Diagnostics}
		conv[ca] = act
		g.all = append(g.all, act)
	}
	for _, ca := range cg.Roots {
		g.Roots = append(g.Roots, conv[ca])
	}
	return g
}

func (act *Action) String() string { return act.Analyzer.Name + "@" + act.Package.ID }

// node is one package of the import graph.
type node struct {
	pkg     *packages.Package
	deps    []depEdge // sorted by import path
	root    bool
	inScope bool // imports a Scope package, directly or not, or is first-party
	// Three stages, each closed once the package and all its
	// dependencies have passed it: keyed (its cache key is known and
	// looked up), typed (its types, or its cache entry, are available)
	// and done (its facts are available).
	keyed, typed, done chan struct{}

	key   [32]byte
	keyOK bool
	entry []byte    // a cache hit's payload, until materialize decodes it
	once  sync.Once // materialize

	illTyped bool
	facts    map[*analysis.Analyzer]*factSet // facts this package exports
	actions  map[*analysis.Analyzer]*Action
}

type depEdge struct {
	importPath string
	node       *node
}

// buildGraph makes a node for every package reachable from roots.
func buildGraph(roots []*packages.Package, scope func(string) bool) (all []*node, rootNodes []*node) {
	nodes := map[*packages.Package]*node{}
	var visit func(p *packages.Package) *node
	visit = func(p *packages.Package) *node {
		if n, ok := nodes[p]; ok {
			return n
		}
		n := &node{pkg: p, keyed: make(chan struct{}), typed: make(chan struct{}), done: make(chan struct{}), facts: map[*analysis.Analyzer]*factSet{}, actions: map[*analysis.Analyzer]*Action{}}
		nodes[p] = n
		paths := make([]string, 0, len(p.Imports))
		for path := range p.Imports {
			paths = append(paths, path)
		}
		sort.Strings(paths)
		// First-party code (a package of a main module) is always in
		// scope: facts that need no cataloged import (broadrole's role
		// values chosen in defaulting code) arise there.
		if scope != nil && p.Module != nil && p.Module.Main {
			n.inScope = true
		}
		for _, path := range paths {
			d := visit(p.Imports[path])
			n.deps = append(n.deps, depEdge{path, d})
			if scope == nil || scope(d.pkg.PkgPath) || d.inScope {
				n.inScope = true
			}
		}
		all = append(all, n) // dependencies first
		return n
	}
	for _, p := range roots {
		n := visit(p)
		if !n.root {
			n.root = true
			rootNodes = append(rootNodes, n)
		}
	}
	return all, rootNodes
}

// transitiveTypes maps the package paths of n's dependencies, direct or
// not, to their types, as export data of n names them.
func transitiveTypes(n *node) map[string]*types.Package {
	m := map[string]*types.Package{}
	seen := map[*node]bool{}
	var visit func(*node)
	visit = func(n *node) {
		for _, d := range n.deps {
			if !seen[d.node] {
				seen[d.node] = true
				m[d.node.pkg.PkgPath] = d.node.pkg.Types
				visit(d.node)
			}
		}
	}
	visit(n)
	return m
}
