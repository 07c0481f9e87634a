package broadrole

import (
	"bytes"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// fileOf returns the syntax tree holding pos.
func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// source returns the bytes of the file holding pos.
func (c *checker) source(pos token.Pos) []byte {
	tf := c.pass.Fset.File(pos)
	if tf == nil {
		return nil
	}
	if b, ok := c.src[tf]; ok {
		return b
	}
	var b []byte
	if c.pass.ReadFile != nil {
		b, _ = c.pass.ReadFile(tf.Name())
	}
	if len(b) != tf.Size() {
		b = nil // stale or unreadable: no fix rather than a wrong one
	}
	c.src[tf] = b
	return b
}

// importName returns the name file uses for the package at path, or "".
func (c *checker) importName(f *ast.File, path string) string {
	for _, spec := range f.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil || p != path {
			continue
		}
		var obj types.Object
		if spec.Name != nil {
			obj = c.pass.TypesInfo.Defs[spec.Name]
		} else {
			obj = c.pass.TypesInfo.Implicits[spec]
		}
		if pn, ok := obj.(*types.PkgName); ok && pn.Name() != "_" && pn.Name() != "." {
			return pn.Name()
		}
	}
	return ""
}

// toPackage returns the name to call azcore/to by at pos and, when the
// file does not import it yet, the edit that adds the import. ok is false
// when another "to" is in scope there.
func (c *checker) toPackage(pos token.Pos) (name string, edits []analysis.TextEdit, ok bool) {
	f := c.fileOf(pos)
	if f == nil {
		return "", nil, false
	}
	if n := c.importName(f, toPath); n != "" {
		return n, nil, true
	}
	if scope := c.pass.Pkg.Scope().Innermost(pos); scope != nil {
		if _, obj := scope.LookupParent("to", pos); obj != nil {
			return "", nil, false
		}
	}
	if fs := c.pass.TypesInfo.Scopes[f]; fs != nil && fs.Lookup("to") != nil {
		return "", nil, false
	}
	e, ok := c.addImport(f, toPath)
	if !ok {
		return "", nil, false
	}
	return "to", []analysis.TextEdit{e}, true
}

// addImport returns the edit adding path to f's imports, in sorted place
// within the first import block.
func (c *checker) addImport(f *ast.File, path string) (analysis.TextEdit, bool) {
	quoted := strconv.Quote(path)
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		if !gd.Lparen.IsValid() {
			// import "x"  ->  import "x"\nimport "path"
			return analysis.TextEdit{Pos: gd.End(), End: gd.End(), NewText: []byte("\nimport " + quoted)}, true
		}
		// Before the first non-standard-library import that sorts after
		// path, else after the last import.
		for _, s := range gd.Specs {
			is := s.(*ast.ImportSpec)
			p, _ := strconv.Unquote(is.Path.Value)
			if strings.Contains(strings.SplitN(p, "/", 2)[0], ".") && p > path {
				return analysis.TextEdit{Pos: is.Pos(), End: is.Pos(), NewText: []byte(quoted + "\n\t")}, true
			}
		}
		if n := len(gd.Specs); n > 0 {
			last := gd.Specs[n-1]
			return analysis.TextEdit{Pos: last.End(), End: last.End(), NewText: []byte("\n\t" + quoted)}, true
		}
		return analysis.TextEdit{Pos: gd.Lparen + 1, End: gd.Lparen + 1, NewText: []byte("\n\t" + quoted + "\n")}, true
	}
	// No imports at all.
	return analysis.TextEdit{Pos: f.Name.End(), End: f.Name.End(), NewText: []byte("\n\nimport " + quoted)}, true
}

// insertField returns the edit adding "text" as the last element of a
// composite literal, in the literal's layout (one line or one element per
// line).
func (c *checker) insertField(lit *ast.CompositeLit, text string) (analysis.TextEdit, bool) {
	src := c.source(lit.Pos())
	if src == nil {
		return analysis.TextEdit{}, false
	}
	fset := c.pass.Fset
	rline := fset.Position(lit.Rbrace).Line
	if n := len(lit.Elts); n > 0 {
		last := lit.Elts[n-1]
		if fset.Position(last.End()).Line == rline {
			return analysis.TextEdit{Pos: last.End(), End: last.End(), NewText: []byte(", " + text)}, true
		}
	} else if fset.Position(lit.Lbrace).Line == rline {
		return analysis.TextEdit{Pos: lit.Rbrace, End: lit.Rbrace, NewText: []byte(text)}, true
	}
	indent := lineIndent(src, fset.File(lit.Rbrace).Offset(lit.Rbrace))
	return analysis.TextEdit{Pos: lit.Rbrace, End: lit.Rbrace, NewText: []byte("\t" + text + ",\n" + indent)}, true
}

// lineIndent returns the leading blanks of the line holding offset.
func lineIndent(src []byte, offset int) string {
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}
