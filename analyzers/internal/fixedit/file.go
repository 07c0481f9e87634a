package fixedit

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// Uses indexes the identifiers that refer to each object in a package.
// Build it once per pass (NewUses) and share it across files.
type Uses struct {
	m map[types.Object][]*ast.Ident
}

// NewUses indexes info.Uses.
func NewUses(info *types.Info) *Uses {
	u := &Uses{m: make(map[types.Object][]*ast.Ident, len(info.Uses)/2)}
	for id, obj := range info.Uses {
		u.m[obj] = append(u.m[obj], id)
	}
	return u
}

// Of returns the identifiers referring to obj.
func (u *Uses) Of(obj types.Object) []*ast.Ident { return u.m[obj] }

// File holds what the helpers need about one file of a type-checked
// package. It caches import edits so that every fix of the file adds an
// import with byte-identical edits (drivers coalesce identical edits).
type File struct {
	Fset *token.FileSet
	Info *types.Info
	Pkg  *types.Package
	AST  *ast.File
	Src  []byte
	Uses *Uses

	tf      *token.File
	names   map[string]bool // every identifier name written in the file
	sels    map[*ast.Ident]bool
	imports map[string]*importAdd
}

type importAdd struct {
	name string
	edit analysis.TextEdit
	ok   bool
}

// NewFile returns the helper state of file f; src is its content.
func NewFile(fset *token.FileSet, info *types.Info, pkg *types.Package, f *ast.File, src []byte, uses *Uses) *File {
	return &File{
		Fset: fset, Info: info, Pkg: pkg, AST: f, Src: src, Uses: uses,
		tf:      fset.File(f.Pos()),
		imports: map[string]*importAdd{},
	}
}

// Files builds the File of each file of a pass on demand, all sharing
// one Uses index.
type Files struct {
	pass  *analysis.Pass
	uses  *Uses
	files map[*token.File]*File // nil entry: source unusable
}

// NewFiles returns the Files of pass; uses may be nil (built on first
// need).
func NewFiles(pass *analysis.Pass, uses *Uses) *Files {
	return &Files{pass: pass, uses: uses, files: map[*token.File]*File{}}
}

// Of returns the File holding pos. ok is false when the file's source
// cannot be read or is not the source that was type-checked: no fix
// rather than a wrong one.
func (fs *Files) Of(pos token.Pos) (*File, bool) {
	tf := fs.pass.Fset.File(pos)
	if tf == nil {
		return nil, false
	}
	if f, ok := fs.files[tf]; ok {
		return f, f != nil
	}
	var file *File
	for _, syn := range fs.pass.Files {
		if fs.pass.Fset.File(syn.Pos()) != tf {
			continue
		}
		if fs.pass.ReadFile == nil {
			break // a driver without file access: no fixes
		}
		src, err := fs.pass.ReadFile(tf.Name())
		if err == nil && len(src) == tf.Size() {
			if fs.uses == nil {
				fs.uses = NewUses(fs.pass.TypesInfo)
			}
			file = NewFile(fs.pass.Fset, fs.pass.TypesInfo, fs.pass.Pkg, syn, src, fs.uses)
		}
		break
	}
	fs.files[tf] = file
	return file, file != nil
}

// offset returns the byte offset of pos in the file.
func (f *File) offset(pos token.Pos) int { return f.tf.Offset(pos) }

func (f *File) pos(off int) token.Pos { return f.tf.Pos(off) }

// lineStart returns the offset of the first byte of pos's line.
func (f *File) lineStart(pos token.Pos) int {
	return f.offset(f.tf.LineStart(f.tf.Line(pos)))
}

// nextLineStart returns the offset just after the newline ending pos's
// line (or the file size).
func (f *File) nextLineStart(pos token.Pos) int {
	off := f.offset(pos)
	for off < len(f.Src) && f.Src[off] != '\n' {
		off++
	}
	if off < len(f.Src) {
		off++
	}
	return off
}

// Indent returns the white space before pos on its line, and whether pos
// is the first non-blank token of the line.
func (f *File) Indent(pos token.Pos) (string, bool) {
	ls, off := f.lineStart(pos), f.offset(pos)
	for _, c := range f.Src[ls:off] {
		if c != ' ' && c != '\t' {
			return "", false
		}
	}
	return string(f.Src[ls:off]), true
}

// AppendElement returns the edit adding text as the last element of a
// composite literal, in the literal's layout: on its line when the
// closing brace follows the last element (or the opening one), else on a
// line of its own.
func (f *File) AppendElement(lit *ast.CompositeLit, text string) (analysis.TextEdit, bool) {
	rline := f.tf.Line(lit.Rbrace)
	if n := len(lit.Elts); n > 0 {
		if last := lit.Elts[n-1]; f.tf.Line(last.End()) == rline {
			return analysis.TextEdit{Pos: last.End(), End: last.End(), NewText: []byte(", " + text)}, true
		}
	} else if f.tf.Line(lit.Lbrace) == rline {
		return analysis.TextEdit{Pos: lit.Rbrace, End: lit.Rbrace, NewText: []byte(text)}, true
	}
	indent, ok := f.Indent(lit.Rbrace)
	if !ok {
		return analysis.TextEdit{}, false
	}
	return analysis.TextEdit{Pos: lit.Rbrace, End: lit.Rbrace, NewText: []byte("\t" + text + ",\n" + indent)}, true
}

// lineRange returns the byte range of the whole lines holding n, when n
// is alone on them (only blanks before it, only blanks or a line comment
// after it).
func (f *File) lineRange(n ast.Node) (start, end int, ok bool) {
	if _, ok := f.Indent(n.Pos()); !ok {
		return 0, 0, false
	}
	e := f.offset(n.End())
	rest := e
	for rest < len(f.Src) && (f.Src[rest] == ' ' || f.Src[rest] == '\t') {
		rest++
	}
	if rest < len(f.Src) && f.Src[rest] != '\n' {
		if !(rest+1 < len(f.Src) && f.Src[rest] == '/' && f.Src[rest+1] == '/') {
			return 0, 0, false
		}
	}
	return f.lineStart(n.Pos()), f.nextLineStart(n.End() - 1), true
}

// DeleteLines is the edit removing the whole lines of statement n; ok is
// false when n shares a line with other code.
func (f *File) DeleteLines(n ast.Node) (analysis.TextEdit, bool) { return f.deleteLines(n) }

// deleteLines is the edit removing the lines of n.
func (f *File) deleteLines(n ast.Node) (analysis.TextEdit, bool) {
	s, e, ok := f.lineRange(n)
	if !ok {
		return analysis.TextEdit{}, false
	}
	return analysis.TextEdit{Pos: f.pos(s), End: f.pos(e)}, true
}

// Path returns the nodes enclosing [pos, end), innermost first.
func (f *File) Path(pos, end token.Pos) []ast.Node {
	path, _ := astutil.PathEnclosingInterval(f.AST, pos, end)
	return path
}

// nameSet returns every identifier name written in the file.
func (f *File) nameSet() map[string]bool {
	if f.names == nil {
		f.names = map[string]bool{}
		ast.Inspect(f.AST, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				f.names[id.Name] = true
			}
			return true
		})
	}
	return f.names
}

// scopeAt returns the innermost scope containing pos.
func (f *File) scopeAt(pos token.Pos) *types.Scope {
	if s := f.Pkg.Scope().Innermost(pos); s != nil {
		return s
	}
	return f.Pkg.Scope()
}

// lookup resolves name at pos as the code there would.
func (f *File) lookup(name string, pos token.Pos) types.Object {
	_, obj := f.scopeAt(pos).LookupParent(name, pos)
	return obj
}

// Resolves reports whether name at pos resolves to obj.
func (f *File) Resolves(name string, pos token.Pos, obj types.Object) bool {
	return f.lookup(name, pos) == obj
}

// sortEdits orders edits by position, then insertions at one point by
// text: every fix lists shared insertions (two new imports before the
// same spec) in the same order, so drivers that merge fixes pairwise
// (x/tools' diff.Merge) coalesce them instead of duplicating one.
func sortEdits(edits []analysis.TextEdit) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Pos != edits[j].Pos {
			return edits[i].Pos < edits[j].Pos
		}
		if edits[i].End != edits[j].End {
			return edits[i].End < edits[j].End
		}
		return string(edits[i].NewText) < string(edits[j].NewText)
	})
}

// within reports whether [pos, end) lies inside n.
func within(pos, end token.Pos, n ast.Node) bool {
	return n.Pos() <= pos && end <= n.End()
}
