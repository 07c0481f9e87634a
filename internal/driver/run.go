package driver

import (
	"go/build"
	"go/token"
	"go/types"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// run is one Analyze call.
type run struct {
	cfg    *Config
	fset   *token.FileSet
	env    string
	goroot string
	cpu    chan struct{} // bounds the CPU-heavy steps to GOMAXPROCS

	rootOrder []*analysis.Analyzer // every analyzer, requirements first
	depOrder  []*analysis.Analyzer // the analyzers with facts, requirements first
	isRoot    map[*analysis.Analyzer]bool
	byName    map[string]*analysis.Analyzer

	owners sync.Map // *types.Package -> *node

	mu  sync.Mutex
	all []*Action

	hits, misses, written, rootHits atomic.Int64
}

// Analyze runs analyzers on roots, packages loaded with LoadMode, and
// returns their diagnostics as checker.Analyze would: roots from source
// with every analyzer, dependencies with the analyzers that have facts,
// from cfg.Cache where their key hits.
func Analyze(analyzers []*analysis.Analyzer, roots []*packages.Package, cfg *Config) (*Graph, error) {
	if err := analysis.Validate(analyzers); err != nil {
		return nil, err
	}
	if cfg == nil {
		cfg = &Config{}
	}
	r := &run{
		cfg:    cfg,
		fset:   cfg.Fset,
		env:    buildEnv(),
		cpu:    make(chan struct{}, runtime.GOMAXPROCS(0)),
		isRoot: map[*analysis.Analyzer]bool{},
		byName: map[string]*analysis.Analyzer{},
	}
	if r.fset == nil {
		r.fset = token.NewFileSet()
	}
	if build.Default.GOROOT != "" {
		r.goroot = filepath.Clean(build.Default.GOROOT) + string(filepath.Separator)
	}
	for _, a := range analyzers {
		r.isRoot[a] = true
	}
	r.rootOrder = requiresOrder(analyzers)
	var withFacts []*analysis.Analyzer
	for _, a := range r.rootOrder {
		r.byName[a.Name] = a
		if len(a.FactTypes) > 0 {
			withFacts = append(withFacts, a)
		}
	}
	r.depOrder = requiresOrder(withFacts)
	registerFacts(r.rootOrder)

	nodes, rootNodes := buildGraph(roots, cfg.Scope)
	var wg sync.WaitGroup
	for _, n := range nodes {
		wg.Go(func() { r.process(n) })
	}
	wg.Wait()

	if s := cfg.Stats; s != nil {
		*s = Stats{Hits: int(r.hits.Load()), Misses: int(r.misses.Load()), Roots: len(rootNodes), RootHits: int(r.rootHits.Load()), Written: int(r.written.Load())}
	}
	byPkg := map[*packages.Package]*node{}
	for _, n := range rootNodes {
		byPkg[n.pkg] = n
	}
	g := &Graph{all: r.all}
	for _, a := range analyzers {
		for _, p := range roots {
			g.Roots = append(g.Roots, byPkg[p].actions[a])
		}
	}
	return g, nil
}

// requiresOrder lists analyzers and what they require, each after its
// requirements.
func requiresOrder(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	var order []*analysis.Analyzer
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, req := range a.Requires {
			visit(req)
		}
		order = append(order, a)
	}
	for _, a := range analyzers {
		visit(a)
	}
	return order
}

func (r *run) record(act *Action) {
	r.mu.Lock()
	r.all = append(r.all, act)
	r.mu.Unlock()
}

func (r *run) owner(pkg *types.Package) *node {
	if n, ok := r.owners.Load(pkg); ok {
		return n.(*node)
	}
	return nil
}

// sizes is the package's TypesSizes from go list, else gc's for GOARCH.
func (r *run) sizes(p *packages.Package) types.Sizes {
	if p.TypesSizes != nil {
		return p.TypesSizes
	}
	return types.SizesFor("gc", build.Default.GOARCH)
}

// failed reports whether n cannot give its importers facts: its
// importers must then be analysed from source, to report why.
func (n *node) failed() bool {
	if n.illTyped {
		return true
	}
	for _, act := range n.actions {
		if act.Err != nil {
			return true
		}
	}
	return false
}

// process loads one package in three stages, each waiting for the
// same stage of its dependencies only: it looks its key up in the cache,
// then takes its types from the entry or type-checks it, then takes its
// facts from the entry or analyses it and stores the result. Cache
// lookups thus run ahead of the dependency order, and importers are
// type-checked while their dependencies are still being analysed and
// stored: on a cold run the cache writes are off the critical path.
func (r *run) process(n *node) {
	keyed, typed, done := false, false, false
	defer func() {
		if !keyed {
			close(n.keyed)
		}
		if !typed {
			close(n.typed)
		}
		if !done {
			close(n.done)
		}
	}()

	for _, d := range n.deps {
		<-d.node.keyed
	}
	cacheable := r.cfg.Cache != nil && len(n.pkg.Errors) == 0 && n.pkg.PkgPath != "unsafe"
	if r.cfg.Cache != nil {
		n.key, n.keyOK = r.computeKey(n)
	}
	cacheable = cacheable && n.keyOK
	// An entry exists only if its dependencies type-checked and were
	// analysed without error when it was written, and the key covers
	// everything they were computed from: a hit needs no wait for them.
	hit := false
	switch {
	case cacheable && !n.root:
		if payload, ok := r.cfg.Cache.Get(n.key); ok {
			n.entry = payload // decoded when needed: materialize
			n.pkg.Fset, n.pkg.TypesSizes = r.fset, r.sizes(n.pkg)
			hit = true
		}
	case cacheable && n.root:
		hit = r.loadResults(n)
	}
	close(n.keyed)
	keyed = true

	for _, d := range n.deps {
		<-d.node.typed
	}
	if hit {
		switch {
		case n.root:
			r.rootHits.Add(1)
		default:
			r.hits.Add(1)
		}
		close(n.typed)
		typed = true
		for _, d := range n.deps {
			<-d.node.done
		}
		return
	}
	for _, d := range n.deps {
		cacheable = cacheable && !d.node.illTyped
	}
	if !n.root && n.pkg.PkgPath != "unsafe" {
		r.misses.Add(1)
	}
	n.once.Do(func() {}) // computed here: nothing to materialize
	for _, d := range n.deps {
		r.materialize(d.node)
	}
	r.cpu <- struct{}{}
	r.typeCheck(n, n.root || n.inScope && len(r.depOrder) > 0)
	r.owners.Store(n.pkg.Types, n)
	<-r.cpu
	close(n.typed)
	typed = true

	for _, d := range n.deps {
		<-d.node.done
		cacheable = cacheable && !d.node.failed()
	}
	r.cpu <- struct{}{}
	defer func() { <-r.cpu }()
	switch {
	case n.root:
		r.analyze(n, r.rootOrder, r.isRoot, true)
	case len(r.depOrder) > 0:
		r.analyze(n, r.depOrder, nil, true)
	}
	// Importers need n's facts, not its entry: they go on while it is
	// written.
	close(n.done)
	done = true
	if cacheable && !n.failed() && r.store(n) {
		r.written.Add(1)
		if n.root {
			r.storeResults(n)
		}
	}
	if !n.root {
		// Importers need only the types and facts.
		n.pkg.Syntax, n.pkg.TypesInfo = nil, nil
		for _, act := range n.actions {
			act.Result = nil
		}
	}
}
