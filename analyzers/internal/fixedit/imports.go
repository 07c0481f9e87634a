package fixedit

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Import returns the name that refers to package path at pos, and the
// edits that make it so: none when the file already imports the package
// under a name visible at pos, else one edit adding an import spec. The
// added name is the package's default name unless that name is written
// anywhere in the file, in which case "name2", "name3", … is used. The
// edit is computed once per file and path, so every fix of the file that
// needs the import carries the same edit. ok is false when no usable name
// exists.
func (f *File) Import(pkgPath, defaultName string, pos token.Pos) (name string, edits []analysis.TextEdit, ok bool) {
	for _, imp := range f.AST.Imports {
		if importPath(imp) != pkgPath {
			continue
		}
		pn := f.pkgName(imp)
		if pn == nil || pn.Name() == "_" || pn.Name() == "." {
			continue
		}
		if f.Resolves(pn.Name(), pos, pn) {
			return pn.Name(), nil, true
		}
	}
	add, ok := f.imports[pkgPath]
	if !ok {
		add = f.newImport(pkgPath, defaultName)
		f.imports[pkgPath] = add
	}
	if !add.ok {
		return "", nil, false
	}
	if obj := f.lookup(add.name, pos); obj != nil {
		// The name is declared somewhere visible (package scope,
		// universe): an import would conflict or be shadowed.
		return "", nil, false
	}
	return add.name, []analysis.TextEdit{add.edit}, true
}

// pkgName returns the PkgName an import spec declares.
func (f *File) pkgName(imp *ast.ImportSpec) *types.PkgName {
	var obj types.Object
	if imp.Name != nil {
		obj = f.Info.Defs[imp.Name]
	} else {
		obj = f.Info.Implicits[imp]
	}
	pn, _ := obj.(*types.PkgName)
	return pn
}

func importPath(imp *ast.ImportSpec) string {
	p, err := strconv.Unquote(imp.Path.Value)
	if err != nil {
		return ""
	}
	return p
}

// DefaultName guesses the package name of an import path: its last
// element, skipping a major-version suffix ("/v2").
func DefaultName(pkgPath string) string {
	base := path.Base(pkgPath)
	if len(base) > 1 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" {
		base = path.Base(path.Dir(pkgPath))
	}
	base = strings.TrimPrefix(base, "go-")
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '.' {
			return '_'
		}
		return r
	}, base)
}

func (f *File) newImport(pkgPath, defaultName string) *importAdd {
	if defaultName == "" {
		defaultName = DefaultName(pkgPath)
	}
	taken := map[string]bool{}
	for n := range f.nameSet() {
		taken[n] = true
	}
	for _, imp := range f.AST.Imports {
		if pn := f.pkgName(imp); pn != nil {
			taken[pn.Name()] = true
		}
	}
	name := defaultName
	for i := 2; taken[name] || f.Pkg.Scope().Lookup(name) != nil || types.Universe.Lookup(name) != nil; i++ {
		name = fmt.Sprintf("%s%d", defaultName, i)
	}
	spec := strconv.Quote(pkgPath)
	if name != defaultName {
		spec = name + " " + spec
	}
	edit, ok := f.importEdit(pkgPath, spec)
	return &importAdd{name: name, edit: edit, ok: ok}
}

// importEdit places a new import spec: in the first parenthesized import
// declaration, inside the group of non-standard imports (or the last
// group), before the first spec that sorts after it; always at the start
// of a line so that it never overlaps the deletion of another spec's line.
func (f *File) importEdit(pkgPath, spec string) (analysis.TextEdit, bool) {
	var decl *ast.GenDecl
	for _, d := range f.AST.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			break
		}
		if gd.Lparen.IsValid() && decl == nil {
			decl = gd
		}
	}
	if decl == nil {
		// No parenthesized import block: add a declaration after the
		// last import declaration, or after the package clause.
		after := f.AST.Name.End()
		for _, d := range f.AST.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.IMPORT {
				break
			}
			after = gd.End()
		}
		off := f.nextLineStart(after - 1)
		text := "import " + spec + "\n"
		if after == f.AST.Name.End() {
			text = "\n" + text
		}
		return analysis.TextEdit{Pos: f.pos(off), End: f.pos(off), NewText: []byte(text)}, true
	}
	if len(decl.Specs) == 0 {
		off := f.nextLineStart(decl.Lparen)
		if f.tf.Line(decl.Lparen) == f.tf.Line(decl.Rparen) {
			return analysis.TextEdit{}, false
		}
		return analysis.TextEdit{Pos: f.pos(off), End: f.pos(off), NewText: []byte("\t" + spec + "\n")}, true
	}
	// Split the specs into groups separated by blank lines.
	var groups [][]*ast.ImportSpec
	prevLine := -1
	for _, s := range decl.Specs {
		is := s.(*ast.ImportSpec)
		line := f.tf.Line(is.Pos())
		if f.tf.Line(is.End()) == f.tf.Line(decl.Lparen) || line == f.tf.Line(decl.Rparen) {
			return analysis.TextEdit{}, false // specs on the paren lines: odd layout
		}
		if prevLine < 0 || line > prevLine+1 {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], is)
		prevLine = f.tf.Line(is.End())
	}
	group := groups[len(groups)-1]
	isStd := func(p string) bool { return !strings.Contains(strings.SplitN(p, "/", 2)[0], ".") }
	for _, g := range groups {
		if !isStd(importPath(g[0])) && !isStd(pkgPath) {
			group = g
			break
		}
	}
	if isStd(pkgPath) {
		group = groups[0]
	}
	at := -1
	for _, is := range group {
		if importPath(is) > pkgPath {
			if _, ok := f.Indent(is.Pos()); !ok {
				return analysis.TextEdit{}, false
			}
			at = f.lineStart(is.Pos())
			break
		}
	}
	if at < 0 {
		last := group[len(group)-1]
		at = f.nextLineStart(last.End() - 1)
	}
	indent := "\t"
	if ind, ok := f.Indent(group[0].Pos()); ok {
		indent = ind
	}
	return analysis.TextEdit{Pos: f.pos(at), End: f.pos(at), NewText: []byte(indent + spec + "\n")}, true
}

// importSpecOf returns the import spec declaring pn in this file.
func (f *File) importSpecOf(pn *types.PkgName) *ast.ImportSpec {
	for _, imp := range f.AST.Imports {
		if f.pkgName(imp) == pn {
			return imp
		}
	}
	return nil
}

// deleteImport returns the edit removing an import spec: its line inside
// a parenthesized declaration, or the whole declaration when it is the
// only spec.
func (f *File) deleteImport(imp *ast.ImportSpec) (analysis.TextEdit, bool) {
	for _, d := range f.AST.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		for _, s := range gd.Specs {
			if s != imp {
				continue
			}
			if !gd.Lparen.IsValid() {
				return f.deleteLines(gd)
			}
			if imp.Doc != nil || imp.Comment != nil {
				// Keep it simple: a commented import is not ours to drop.
				return analysis.TextEdit{}, false
			}
			return f.deleteLines(imp)
		}
	}
	return analysis.TextEdit{}, false
}
