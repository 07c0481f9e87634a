package driver

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"slices"
	"strconv"

	"golang.org/x/tools/go/packages"
)

// LoadMode is the packages.Load mode Load uses: go list metadata of the
// roots and all their dependencies, no syntax and no types.
//
// It leaves out NeedCompiledGoFiles and NeedTypesSizes, either of which
// makes go list run cgo on every cgo package of the build (net, os/user,
// runtime/cgo): with an empty build cache that is about 40 % of go list's
// time, for files that only the C side of those packages needs. Load
// asks for them only where they can matter (see Load).
const LoadMode = packages.NeedName | packages.NeedFiles | packages.NeedImports |
	packages.NeedDeps | packages.NeedModule

// Load loads patterns with LoadMode for Analyze. A package's
// CompiledGoFiles are its GoFiles, cgo files unprocessed: Analyze
// type-checks them with a fake "C" package (go/types' FakeImportC), so
// that C.x is an invalid operand rather than an error. That is exact for
// a dependency's exported API, which cgo cannot extend with C types, and
// no fact arises from C calls; the packages of a main module (the code
// linted, where findings and facts come from) that use cgo are listed a
// second time with cgo processing and analysed from the files the
// compiler sees, as go vet does.
func Load(cfg *packages.Config, patterns ...string) ([]*packages.Package, error) {
	c := *cfg
	c.Mode = LoadMode
	pkgs, err := packages.Load(&c, patterns...)
	if err != nil {
		return nil, err
	}
	var cgo []*packages.Package
	seen := map[string]bool{}
	var cgoPaths []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		p.CompiledGoFiles = p.GoFiles
		if p.Module != nil && p.Module.Main && importsC(p.GoFiles) {
			cgo = append(cgo, p)
			if !seen[p.PkgPath] {
				seen[p.PkgPath] = true
				cgoPaths = append(cgoPaths, p.PkgPath)
			}
		}
	})
	if len(cgo) == 0 {
		return pkgs, nil
	}
	// cgo adds imports (runtime/cgo, syscall, unsafe) that only the
	// processed files name.
	c.Mode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports
	listed, err := packages.Load(&c, cgoPaths...)
	if err != nil {
		return nil, fmt.Errorf("cgo processing: %v", err)
	}
	byID := map[string]*packages.Package{}
	packages.Visit(pkgs, nil, func(p *packages.Package) { byID[p.ID] = p })
	processed := map[string]*packages.Package{}
	var missing []string
	for _, lp := range listed {
		processed[lp.ID] = lp
		for _, imp := range lp.Imports {
			if byID[imp.ID] == nil && !slices.Contains(missing, imp.ID) {
				missing = append(missing, imp.ID)
			}
		}
	}
	if len(missing) > 0 {
		c.Mode = LoadMode
		extra, err := packages.Load(&c, missing...)
		if err != nil {
			return nil, fmt.Errorf("cgo processing: %v", err)
		}
		// One *Package per ID: the new packages import the ones
		// already loaded.
		packages.Visit(extra, nil, func(p *packages.Package) {
			if byID[p.ID] != nil {
				return
			}
			byID[p.ID] = p
			p.CompiledGoFiles = p.GoFiles
			for path, imp := range p.Imports {
				p.Imports[path] = byID[imp.ID]
			}
		})
	}
	for _, p := range cgo {
		lp := processed[p.ID]
		if lp == nil || len(lp.CompiledGoFiles) == 0 {
			continue // go list reports why in p.Errors
		}
		imports := map[string]*packages.Package{}
		for path, imp := range lp.Imports {
			if byID[imp.ID] == nil {
				return nil, fmt.Errorf("cgo processing: %s: import %s not loaded", p.ID, imp.ID)
			}
			imports[path] = byID[imp.ID]
		}
		p.CompiledGoFiles, p.Imports = lp.CompiledGoFiles, imports
	}
	return pkgs, nil
}

// importsC reports whether one of files imports "C".
func importsC(files []string) bool {
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil || !bytes.Contains(src, []byte(`"C"`)) {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
		if err != nil {
			continue
		}
		for _, imp := range f.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); path == "C" {
				return true
			}
		}
	}
	return false
}
