package main

import (
	"crypto/sha256"
	"fmt"
	"go/token"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/keyless-dev/keyless/analyzers"
	"github.com/keyless-dev/keyless/internal/driver"
)

// How `keyless lint` loads and analyses packages. The driver
// (internal/driver) type-checks the packages named on the command line
// from source and takes their dependencies' types and facts from a
// persistent cache, filling it as it goes; KEYLESS_DRIVER=source
// (hidden, for bench/ and the equivalence test) runs the from-source
// x/tools checker keyless used before.

// load loads units and runs selected (from all) on their packages. It
// returns every loaded package (for load errors) and the analysis graph,
// nil when nothing was analysed.
func (l *linter) load(units []loadUnit, all, selected []*analysis.Analyzer) ([]*packages.Package, *driver.Graph, error) {
	legacy := os.Getenv("KEYLESS_DRIVER") == "source"
	floor := os.Getenv("KEYLESS_BENCH_FLOOR") != ""
	mode := driver.LoadMode
	if floor {
		// Hidden, for bench/: the fact-free floor of issue 11, the x/tools
		// checker running one analyzer that declares no facts, with
		// dependencies from export data (go list -export).
		legacy, all, selected = true, nil, []*analysis.Analyzer{noopAnalyzer}
	}
	if legacy {
		mode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
			packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
			packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule
		if needsFacts(all) {
			// Facts flow from dependencies: load them from source
			// (packages.LoadAllSyntax). Decided on the full analyzer
			// set so that disabling analyzers never changes the load.
			mode |= packages.NeedDeps
		}
	}
	start := time.Now()
	var pkgs []*packages.Package
	fset := token.NewFileSet() // one for every module's packages
	for _, u := range units {
		cfg := &packages.Config{Mode: mode, Tests: l.flags.tests, ParseFile: parseInModule, Dir: u.dir, Fset: fset}
		load := driver.Load
		if legacy {
			load = packages.Load
		}
		loaded, err := load(cfg, u.patterns...)
		if err != nil {
			return nil, nil, fmt.Errorf("loading packages: %v", err)
		}
		if len(loaded) == 0 {
			where := ""
			if u.dir != "" {
				where = " in " + l.relPos(u.dir)
			}
			return nil, nil, fmt.Errorf("%s matched no packages%s", strings.Join(u.patterns, " "), where)
		}
		pkgs = append(pkgs, loaded...)
	}
	roots := rootPackages(pkgs, !l.flags.jsonTree)
	if legacy {
		if len(selected) == 0 {
			return pkgs, nil, nil
		}
		g, err := checker.Analyze(selected, roots, nil)
		if err != nil {
			return nil, nil, err
		}
		return pkgs, driver.FromChecker(g), nil
	}
	if len(selected) == 0 {
		return pkgs, nil, nil
	}
	cfg := &driver.Config{Scope: analyzers.FactScope(l.cat), ParseFile: parseForDriver, Fset: fset}
	if err := l.openCache(cfg, all); err != nil {
		return nil, nil, err
	}
	var stats driver.Stats
	cfg.Stats = &stats
	loaded := time.Now()
	g, err := driver.Analyze(selected, roots, cfg)
	if err != nil {
		return nil, nil, err
	}
	if os.Getenv("KEYLESS_DEBUG") != "" {
		fmt.Fprintf(stderr, "keyless: lint: driver: %d roots, dependencies: %d from the cache, %d from source, %d roots' results from the cache, %d cache entries written; go list %.2fs, analysis %.2fs\n",
			stats.Roots, stats.Hits, stats.Misses, stats.RootHits, stats.Written, loaded.Sub(start).Seconds(), time.Since(loaded).Seconds())
	}
	if cfg.Cache != nil {
		cfg.Cache.Prune()
	}
	return pkgs, g, nil
}

// noopAnalyzer does nothing: KEYLESS_BENCH_FLOOR's analyzer.
var noopAnalyzer = &analysis.Analyzer{
	Name: "noop",
	Doc:  "do nothing (the cost of loading and type checking alone)",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

// openCache sets cfg's cache from -cache (off, a directory, or by
// default $KEYLESS_CACHE or the user cache directory) and its salt:
// keyless's executable, the rules configuration and the analyzer options
// that facts may depend on.
func (l *linter) openCache(cfg *driver.Config, all []*analysis.Analyzer) error {
	c, exe, err := openCacheFlag(l.flags.cache, "lint")
	if c == nil {
		return err
	}
	h := sha256.New()
	h.Write(exe)
	fmt.Fprintf(h, "\x00keepSuppressed=%v\x00", !l.flags.jsonTree)
	for _, a := range all {
		fmt.Fprintf(h, "%s\x00", a.Name)
	}
	if l.flags.out.Config != "" {
		data, err := os.ReadFile(l.flags.out.Config)
		if err != nil {
			return err
		}
		h.Write(data)
	}
	cfg.Cache, cfg.Salt = c, h.Sum(nil)
	return nil
}

// openCacheDir opens the cache in dir (default: driver.DefaultCacheDir)
// and identifies the running executable.
// openCacheFlag opens the cache a -cache flag names, with the
// executable's ID: none for "off"; the default location ("") failing
// only makes the run slower (KEYLESS_DEBUG says why), a directory named
// failing is an error.
func openCacheFlag(dir, command string) (*driver.Cache, []byte, error) {
	if dir == "off" {
		return nil, nil, nil
	}
	c, exe, err := openCacheDir(dir)
	if err != nil {
		if dir != "" {
			return nil, nil, fmt.Errorf("-cache: %v", err)
		}
		if os.Getenv("KEYLESS_DEBUG") != "" {
			fmt.Fprintf(stderr, "keyless: %s: no cache: %v\n", command, err)
		}
		return nil, nil, nil
	}
	return c, exe, nil
}

func openCacheDir(dir string) (*driver.Cache, []byte, error) {
	if dir == "" {
		var err error
		if dir, err = driver.DefaultCacheDir(); err != nil {
			return nil, nil, err
		}
	}
	maxBytes := int64(0)
	if v, err := strconv.ParseInt(os.Getenv("KEYLESS_CACHE_MAX_MB"), 10, 64); err == nil && v > 0 {
		maxBytes = v << 20
	}
	c, err := driver.OpenCache(dir, maxBytes)
	if err != nil {
		return nil, nil, err
	}
	exe, err := driver.ExecutableID(c)
	if err != nil {
		return nil, nil, err
	}
	return c, exe, nil
}
