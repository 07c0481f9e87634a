package driver

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"
)

// typeCheck parses and type-checks n's package from source, filling
// Fset, Syntax, Types, TypesInfo, TypesSizes, TypeErrors, Errors and
// IllTyped as go/packages does, so that diagnostics and load errors read
// the same. Function bodies are skipped when withBodies is false.
func (r *run) typeCheck(n *node, withBodies bool) {
	p := n.pkg
	p.Fset = r.fset
	p.TypesSizes = r.sizes(p)
	if p.PkgPath == "unsafe" {
		p.Types, p.Syntax, p.TypesInfo = types.Unsafe, []*ast.File{}, newTypesInfo()
		return
	}
	p.Types = types.NewPackage(p.PkgPath, p.Name)
	appendError := func(err error) {
		switch err := err.(type) {
		case packages.Error:
			p.Errors = append(p.Errors, err)
		case *os.PathError:
			p.Errors = append(p.Errors, packages.Error{Pos: err.Path + ":1", Msg: err.Err.Error(), Kind: packages.ParseError})
		case scanner.ErrorList:
			for _, e := range err {
				p.Errors = append(p.Errors, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		case types.Error:
			p.TypeErrors = append(p.TypeErrors, err)
			p.Errors = append(p.Errors, packages.Error{Pos: err.Fset.Position(err.Pos).String(), Msg: err.Msg, Kind: packages.TypeError})
		default:
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
		}
	}
	files, errs := r.parseFiles(p.CompiledGoFiles)
	for _, err := range errs {
		appendError(err)
	}
	p.Syntax = files
	// Without bodies the maps hold the declarations only; an analyzer
	// still finds every package-level object where it expects it.
	p.TypesInfo = newTypesInfo()
	imports := map[string]*types.Package{}
	for _, d := range n.deps {
		imports[d.importPath] = d.node.pkg.Types
	}
	tc := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			if ip := imports[path]; ip != nil {
				return ip, nil
			}
			return nil, fmt.Errorf("no metadata for %s", path)
		}),
		IgnoreFuncBodies: !withBodies,
		FakeImportC:      true, // unprocessed cgo files: see Load
		Error:            appendError,
		Sizes:            p.TypesSizes,
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		tc.GoVersion = "go" + p.Module.GoVersion
	}
	typErr := types.NewChecker(tc, r.fset, p.Types, p.TypesInfo).Files(p.Syntax)
	if typErr != nil && len(p.Errors) == 0 && len(p.Syntax) > 0 && strings.HasPrefix(typErr.Error(), "package requires newer Go version") {
		appendError(types.Error{Fset: r.fset, Pos: p.Syntax[0].Package, Msg: typErr.Error()})
	}
	if typErr != nil && len(p.Errors) == 0 {
		appendError(typErr)
	}
	// Imported from export data later, the package must read as
	// complete: the importer then adds nothing to its scope.
	p.Types.MarkComplete()
	n.illTyped = len(p.Errors) > 0
	for _, d := range n.deps {
		n.illTyped = n.illTyped || d.node.illTyped
	}
	p.IllTyped = n.illTyped
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

func newTypesInfo() *types.Info {
	return &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Instances:    map[*ast.Ident]types.Instance{},
		Scopes:       map[ast.Node]*types.Scope{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		FileVersions: map[*ast.File]string{},
	}
}

// parseFiles parses files in parallel, keeping their order, as
// go/packages does.
func (r *run) parseFiles(names []string) ([]*ast.File, []error) {
	parsed := make([]*ast.File, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() {
			src, err := os.ReadFile(name)
			if err != nil {
				errs[i] = err
				return
			}
			parse := r.cfg.ParseFile
			if parse == nil {
				parse = func(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
					return parser.ParseFile(fset, filename, src, parser.AllErrors|parser.ParseComments)
				}
			}
			parsed[i], errs[i] = parse(r.fset, name, src)
		})
	}
	wg.Wait()
	var files []*ast.File
	var out []error
	for i := range names {
		if parsed[i] != nil {
			files = append(files, parsed[i])
		}
		if errs[i] != nil {
			out = append(out, errs[i])
		}
	}
	return files, out
}
