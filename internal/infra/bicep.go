package infra

import (
	"fmt"
	"strings"
)

// The Bicep reader is hand-written (no Go Bicep parser exists; the Bicep
// CLI is .NET and tree-sitter needs cgo). It reads the subset the checks
// need, with positions: param/var/resource/module/output declarations,
// decorators, objects and arrays (newline- or comma-separated), strings
// with ${} interpolation and ''' multi-line strings, `for` loops, `if`
// conditions, `existing`, nested child resources, and inside expressions
// the calls, references and string literals. Other statements (import,
// type, func, metadata, targetScope, extension) are skipped whole. On a
// syntax error it records file:line:col and resumes at the next line at
// depth 0, so one bad line does not hide the rest of the file.

type bicepTokKind int

const (
	btEOF bicepTokKind = iota
	btNewline
	btIdent
	btString
	btNumber
	btPunct
)

type bicepTok struct {
	kind       bicepTokKind
	text       string // ident, punct, number text; decoded string value
	start, end int    // byte offsets in the file (strings: including quotes)
	interp     bool   // string with ${...}
	inner      []bicepTok
}

type bicepLexer struct {
	src  []byte
	i    int
	toks []bicepTok
	errs []lexErr
	// comments: line -> text of // comments, for ignore directives
	comments map[int]string
	li       lineIndex
}

type lexErr struct {
	off int
	msg string
}

func lexBicep(src []byte, li lineIndex, base int, comments map[int]string) ([]bicepTok, []lexErr) {
	lx := &bicepLexer{src: src, li: li, comments: comments}
	lx.run(base)
	return lx.toks, lx.errs
}

func isIdentStart(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func isIdentPart(b byte) bool { return isIdentStart(b) || b >= '0' && b <= '9' }

// run lexes src; base is added to every offset (interpolations are lexed
// from a sub-slice).
func (lx *bicepLexer) run(base int) {
	src := lx.src
	for lx.i < len(src) {
		c := src[lx.i]
		start := lx.i
		switch {
		case c == '\n':
			lx.i++
			lx.toks = append(lx.toks, bicepTok{kind: btNewline, start: base + start, end: base + lx.i})
		case c == ' ' || c == '\t' || c == '\r':
			lx.i++
		case c == '/' && lx.i+1 < len(src) && src[lx.i+1] == '/':
			end := lx.i
			for end < len(src) && src[end] != '\n' {
				end++
			}
			if lx.comments != nil {
				lx.comments[lx.li.pos(base+start).Line] = string(src[start:end])
			}
			lx.i = end
		case c == '/' && lx.i+1 < len(src) && src[lx.i+1] == '*':
			end := strings.Index(string(src[lx.i+2:]), "*/")
			if end < 0 {
				lx.errs = append(lx.errs, lexErr{base + start, "unterminated /* comment"})
				lx.i = len(src)
				continue
			}
			lx.i += 2 + end + 2
		case c == '\'':
			lx.str(base)
		case isIdentStart(c):
			for lx.i < len(src) && isIdentPart(src[lx.i]) {
				lx.i++
			}
			lx.toks = append(lx.toks, bicepTok{kind: btIdent, text: string(src[start:lx.i]), start: base + start, end: base + lx.i})
		case c >= '0' && c <= '9':
			for lx.i < len(src) && (src[lx.i] >= '0' && src[lx.i] <= '9' || src[lx.i] == '.') {
				lx.i++
			}
			lx.toks = append(lx.toks, bicepTok{kind: btNumber, text: string(src[start:lx.i]), start: base + start, end: base + lx.i})
		default:
			p := string(src[lx.i : lx.i+1]) // one byte, not string(rune(c))
			if lx.i+1 < len(src) {
				two := string(src[lx.i : lx.i+2])
				switch two {
				case "?.", "??", "==", "!=", "<=", ">=", "&&", "||", "=>", "::", "=~", "!~":
					p = two
				}
			}
			if !strings.Contains("{}[]()<>,:.?!=+-*/%&|@;^~", string(c)) {
				lx.errs = append(lx.errs, lexErr{base + start, fmt.Sprintf("unexpected character %q", c)})
			}
			lx.i += len(p)
			lx.toks = append(lx.toks, bicepTok{kind: btPunct, text: p, start: base + start, end: base + lx.i})
		}
	}
	lx.toks = append(lx.toks, bicepTok{kind: btEOF, start: base + len(src), end: base + len(src)})
}

// str lexes a quoted string (with ${} interpolation and \ escapes) or a
// triple-quoted multi-line string (verbatim).
func (lx *bicepLexer) str(base int) {
	src := lx.src
	start := lx.i
	if strings.HasPrefix(string(src[lx.i:min(len(src), lx.i+3)]), "'''") {
		end := strings.Index(string(src[lx.i+3:]), "'''")
		if end < 0 {
			lx.errs = append(lx.errs, lexErr{base + start, "unterminated ''' string"})
			lx.i = len(src)
			return
		}
		lx.i += 3 + end + 3
		lx.toks = append(lx.toks, bicepTok{kind: btString, text: string(src[start+3 : lx.i-3]), start: base + start, end: base + lx.i})
		return
	}
	lx.i++
	var b strings.Builder
	tok := bicepTok{kind: btString, start: base + start}
	for {
		if lx.i >= len(src) || src[lx.i] == '\n' {
			lx.errs = append(lx.errs, lexErr{base + start, "unterminated string"})
			tok.end = base + lx.i
			tok.text = b.String()
			lx.toks = append(lx.toks, tok)
			return
		}
		c := src[lx.i]
		switch {
		case c == '\\' && lx.i+1 < len(src):
			switch src[lx.i+1] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			default:
				b.WriteByte(src[lx.i+1])
			}
			lx.i += 2
		case c == '$' && lx.i+1 < len(src) && src[lx.i+1] == '{':
			// Find the matching }, honouring nested strings and braces.
			depth, j := 1, lx.i+2
			for j < len(src) && depth > 0 && src[j] != '\n' {
				switch src[j] {
				case '{':
					depth++
				case '}':
					depth--
				case '\'':
					k := j + 1
					for k < len(src) && src[k] != '\'' && src[k] != '\n' {
						k++
					}
					j = k
				}
				j++
			}
			if depth != 0 {
				lx.errs = append(lx.errs, lexErr{base + lx.i, "unterminated ${ interpolation"})
				lx.i = j
				continue
			}
			sub := &bicepLexer{src: src[lx.i+2 : j-1], li: lx.li}
			sub.run(base + lx.i + 2)
			lx.errs = append(lx.errs, sub.errs...)
			tok.inner = append(tok.inner, sub.toks[:len(sub.toks)-1]...)
			tok.interp = true
			b.WriteString(string(src[lx.i:j]))
			lx.i = j
		case c == '\'':
			lx.i++
			tok.end = base + lx.i
			tok.text = b.String()
			lx.toks = append(lx.toks, tok)
			return
		default:
			b.WriteByte(c)
			lx.i++
		}
	}
}

// bicepParser builds a File from tokens.
type bicepParser struct {
	f    *File
	toks []bicepTok
	i    int
	li   lineIndex
	errs []*SyntaxError
}

// ParseBicep reads one .bicep file. It always returns a File (possibly
// partial) and the syntax errors it recovered from.
func ParseBicep(path string, src []byte) (*File, []*SyntaxError) {
	li := newLineIndex(src)
	comments := map[int]string{}
	toks, lerrs := lexBicep(src, li, 0, comments)
	f := &File{Path: path, Format: FormatBicep, Src: src, Symbols: map[string]*Node{}}
	p := &bicepParser{f: f, toks: toks, li: li}
	for _, e := range lerrs {
		p.errs = append(p.errs, &SyntaxError{Path: path, Pos: li.pos(e.off), Msg: e.msg})
	}
	p.file()
	f.Ignores = directives(comments)
	return f, p.errs
}

func (p *bicepParser) cur() bicepTok { return p.toks[p.i] }

func (p *bicepParser) next() bicepTok {
	t := p.toks[p.i]
	if t.kind != btEOF {
		p.i++
	}
	return t
}

func (p *bicepParser) is(kind bicepTokKind, text string) bool {
	t := p.cur()
	return t.kind == kind && (text == "" || t.text == text)
}

func (p *bicepParser) errorf(off int, format string, args ...any) {
	p.errs = append(p.errs, &SyntaxError{Path: p.f.Path, Pos: p.li.pos(off), Msg: fmt.Sprintf(format, args...)})
}

func (p *bicepParser) skipNewlines() {
	for p.is(btNewline, "") {
		p.i++
	}
}

// skipLine skips to the next newline at bracket depth 0 (error recovery
// and statements the checks do not need).
func (p *bicepParser) skipLine() {
	depth := 0
	for {
		t := p.cur()
		switch {
		case t.kind == btEOF:
			return
		case t.kind == btNewline && depth <= 0:
			return
		case t.kind == btPunct && (t.text == "{" || t.text == "[" || t.text == "("):
			depth++
		case t.kind == btPunct && (t.text == "}" || t.text == "]" || t.text == ")"):
			depth--
		}
		p.i++
	}
}

func (p *bicepParser) file() {
	for {
		p.skipNewlines()
		t := p.cur()
		if t.kind == btEOF {
			return
		}
		if t.kind == btPunct && t.text == "@" {
			p.decorator()
			continue
		}
		if t.kind != btIdent {
			p.errorf(t.start, "expected a declaration, found %q", t.text)
			p.skipLine()
			continue
		}
		errs := len(p.errs)
		switch t.text {
		case "param", "var":
			p.next()
			name := p.ident()
			if t.text == "param" {
				p.skipTo("=")
			}
			if p.is(btPunct, "=") {
				p.next()
				if v := p.value(); v != nil && name != "" {
					p.f.Symbols[name] = v
				}
			} else if t.text == "var" {
				p.errorf(p.cur().start, "expected = after var %s", name)
			}
		case "resource":
			p.next()
			p.resource(t.start, "")
		case "module":
			p.next()
			p.module(t.start)
		case "output":
			p.next()
			name := p.ident()
			p.skipTo("=")
			if !p.is(btPunct, "=") {
				p.errorf(p.cur().start, "expected = in output %s", name)
				break
			}
			p.next()
			if v := p.value(); v != nil {
				p.f.Outputs = append(p.f.Outputs, &Output{File: p.f, Name: name, Pos: p.li.pos(t.start), Value: v})
			}
		case "targetScope", "import", "type", "func", "metadata", "using", "extension", "provider":
			p.skipLine()
		default:
			p.errorf(t.start, "unknown declaration %q", t.text)
			p.skipLine()
		}
		if len(p.errs) > errs {
			p.skipLine()
			continue
		}
		if t := p.cur(); t.kind != btNewline && t.kind != btEOF {
			p.errorf(t.start, "unexpected %q after declaration", t.text)
			p.skipLine()
		}
	}
}

// decorator skips @name or @name(...) (decorators carry no data the checks use).
func (p *bicepParser) decorator() {
	p.next()
	for p.is(btIdent, "") || p.is(btPunct, ".") {
		p.next()
	}
	if p.is(btPunct, "(") {
		p.balanced()
	}
}

// balanced skips a bracketed group starting at the current token.
func (p *bicepParser) balanced() {
	depth := 0
	start := p.cur().start
	for {
		t := p.next()
		switch {
		case t.kind == btEOF:
			p.errorf(start, "unclosed %q", string(p.src()[start]))
			return
		case t.kind == btPunct && (t.text == "{" || t.text == "[" || t.text == "("):
			depth++
		case t.kind == btPunct && (t.text == "}" || t.text == "]" || t.text == ")"):
			depth--
			if depth == 0 {
				return
			}
		}
	}
}

func (p *bicepParser) src() []byte { return p.f.Src }

func (p *bicepParser) ident() string {
	t := p.cur()
	if t.kind != btIdent {
		p.errorf(t.start, "expected a name, found %q", t.text)
		return ""
	}
	p.next()
	return t.text
}

// skipTo skips a type expression up to punct text at depth 0 on this line.
func (p *bicepParser) skipTo(text string) {
	depth := 0
	for {
		t := p.cur()
		if t.kind == btEOF || t.kind == btNewline && depth == 0 {
			return
		}
		if t.kind == btPunct {
			switch t.text {
			case "{", "[", "(":
				depth++
			case "}", "]", ")":
				depth--
			}
			if depth == 0 && t.text == text {
				return
			}
		}
		p.next()
	}
}

// resource parses `name 'Type@version' [existing] = value`; parent is the
// enclosing resource type of a nested child resource.
func (p *bicepParser) resource(start int, parent string) *Resource {
	name := p.ident()
	t := p.cur()
	if t.kind != btString {
		p.errorf(t.start, "expected the resource type string after resource %s", name)
		return nil
	}
	p.next()
	typ, _, _ := strings.Cut(t.text, "@")
	if parent != "" && !strings.Contains(typ, "/") {
		typ = parent + "/" + typ
	}
	existing := false
	if p.is(btIdent, "existing") {
		p.next()
		existing = true
	}
	if !p.is(btPunct, "=") {
		p.errorf(p.cur().start, "expected = in resource %s", name)
		return nil
	}
	p.next()
	body := unwrapLoop(p.valueIn(typ))
	if body == nil {
		return nil
	}
	r := &Resource{File: p.f, Symbol: name, Type: typ, Pos: p.li.pos(start), Body: body, Existing: existing}
	p.f.Resources = append(p.f.Resources, r)
	return r
}

// unwrapLoop returns the body of `[for …: body]`.
func unwrapLoop(n *Node) *Node {
	if n != nil && n.Kind == Array && n.loop && len(n.Items) == 1 {
		return n.Items[0]
	}
	return n
}

func (p *bicepParser) module(start int) {
	name := p.ident()
	t := p.cur()
	if t.kind != btString {
		p.errorf(t.start, "expected the module path string after module %s", name)
		return
	}
	p.next()
	p.skipTo("=")
	if !p.is(btPunct, "=") {
		p.errorf(p.cur().start, "expected = in module %s", name)
		return
	}
	p.next()
	body := unwrapLoop(p.value())
	if body == nil {
		return
	}
	path := avmPath(t.text)
	if path == "" {
		// A local or private-registry module: its parameters are not
		// read, except that a role-assignment module (azd's
		// core/security/role.bicep) is recognised by its params.
		path = "module:" + t.text
	}
	p.f.Resources = append(p.f.Resources, &Resource{File: p.f, Symbol: name, Module: path, Pos: p.li.pos(start), Body: body})
}

// avmPath returns "avm/res/x/y" for a public-registry module reference
// ("br/public:avm/res/x/y:1.0.0", "br:mcr.microsoft.com/bicep/avm/res/x/y:1.0.0").
func avmPath(ref string) string {
	i := strings.Index(ref, "avm/")
	if i < 0 || !strings.HasPrefix(ref, "br") {
		return ""
	}
	path, _, _ := strings.Cut(ref[i:], ":")
	return path
}

func (p *bicepParser) value() *Node { return p.valueIn("") }

// valueIn parses a value; typ is the resource type whose body it is (for
// nested child resources).
func (p *bicepParser) valueIn(typ string) *Node {
	t := p.cur()
	switch {
	case t.kind == btPunct && t.text == "{":
		return p.object(typ)
	case t.kind == btPunct && t.text == "[":
		save := p.i
		p.next()
		p.skipNewlines()
		if p.is(btIdent, "for") {
			return p.loop(t.start, typ)
		}
		p.i = save
		return p.array()
	case t.kind == btIdent && t.text == "if" && p.toks[p.i+1].kind == btPunct && p.toks[p.i+1].text == "(":
		p.next()
		p.balanced()
		p.skipNewlines()
		return p.valueIn(typ)
	}
	return p.expr()
}

func (p *bicepParser) object(typ string) *Node {
	open := p.next()
	n := &Node{Kind: Object, Pos: p.li.pos(open.start)}
	for p.listItem(n, open, "}") {
		t := p.cur()
		switch {
		case t.kind == btPunct && t.text == "@":
			p.decorator()
			continue
		case t.kind == btIdent && t.text == "resource" && p.toks[p.i+1].kind == btIdent:
			p.next()
			errs := len(p.errs)
			p.resource(t.start, typ)
			if len(p.errs) > errs {
				p.skipLine()
			}
			continue
		case t.kind == btIdent || t.kind == btString:
			p.next()
			if !p.is(btPunct, ":") {
				p.errorf(p.cur().start, "expected : after property %s", t.text)
				p.skipLine()
				continue
			}
			p.next()
			v := p.value()
			if v == nil {
				p.skipLine()
				continue
			}
			n.Fields = append(n.Fields, &Field{Key: t.text, KeyPos: p.li.pos(t.start), Value: v})
			if c := p.cur(); !(c.kind == btNewline || c.kind == btEOF || c.kind == btPunct && (c.text == "," || c.text == "}")) {
				p.errorf(c.start, "unexpected %q after property %s", c.text, t.text)
				p.skipLine()
			}
		default:
			p.errorf(t.start, "expected a property name, found %q", t.text)
			p.skipLine()
		}
	}
	return n
}

func (p *bicepParser) array() *Node {
	open := p.next()
	n := &Node{Kind: Array, Pos: p.li.pos(open.start)}
	for p.listItem(n, open, "]") {
		v := p.value()
		if v == nil {
			p.skipLine()
			continue
		}
		n.Items = append(n.Items, v)
	}
	return n
}

// listItem moves past newlines and commas to the next item of the { } or
// [ ] list that open started. It reports false at the list's end: its
// closer (consumed) or the end of the file (reported unclosed), with
// n.End set.
func (p *bicepParser) listItem(n *Node, open bicepTok, closer string) bool {
	p.skipNewlines()
	for p.is(btPunct, ",") {
		p.next()
		p.skipNewlines()
	}
	t := p.cur()
	switch {
	case t.kind == btEOF:
		p.errorf(open.start, "unclosed %s", open.text)
		n.End = p.li.pos(t.start)
		return false
	case t.kind == btPunct && t.text == closer:
		p.next()
		n.End = p.li.pos(t.end)
		return false
	}
	return true
}

// loop parses `[for x in xs: body]` (p is after "for"); the result is an
// Array holding the body once.
func (p *bicepParser) loop(start int, typ string) *Node {
	n := &Node{Kind: Array, Pos: p.li.pos(start), loop: true}
	p.skipTo(":")
	if !p.is(btPunct, ":") {
		p.errorf(p.cur().start, "expected : in for loop")
		return nil
	}
	p.next()
	p.skipNewlines()
	if body := p.valueIn(typ); body != nil {
		n.Items = append(n.Items, body)
	}
	p.skipNewlines()
	if !p.is(btPunct, "]") {
		p.errorf(p.cur().start, "expected ] closing the for loop")
		return nil
	}
	n.End = p.li.pos(p.next().end)
	return n
}

// expr reads an expression up to a newline, comma or closing bracket at
// depth 0, and keeps its calls, references and string literals.
func (p *bicepParser) expr() *Node {
	startTok := p.cur()
	var toks []bicepTok
	depth := 0
loop:
	for {
		t := p.cur()
		switch {
		case t.kind == btEOF:
			if depth > 0 {
				p.errorf(startTok.start, "unclosed bracket in expression")
				return nil
			}
			break loop
		case t.kind == btNewline && depth == 0:
			break loop
		case t.kind == btPunct && (t.text == "{" || t.text == "[" || t.text == "("):
			depth++
		case t.kind == btPunct && (t.text == "}" || t.text == "]" || t.text == ")"):
			if depth == 0 {
				break loop
			}
			depth--
		case t.kind == btPunct && t.text == "," && depth == 0:
			break loop
		}
		toks = append(toks, t)
		p.next()
	}
	if len(toks) == 0 {
		p.errorf(startTok.start, "expected a value, found %q", startTok.text)
		return nil
	}
	first, last := toks[0], toks[len(toks)-1]
	n := &Node{Pos: p.li.pos(first.start), End: p.li.pos(last.end)}
	if len(toks) == 1 {
		switch {
		case first.kind == btString && !first.interp:
			n.Kind, n.Str, n.Quoted = String, first.text, true
			return n
		case first.kind == btNumber:
			n.Kind, n.Str = Number, first.text
			return n
		case first.kind == btIdent && (first.text == "true" || first.text == "false"):
			n.Kind, n.Bool, n.Str = Bool, first.text == "true", first.text
			return n
		case first.kind == btIdent && first.text == "null":
			n.Kind = Null
			return n
		}
	}
	n.Kind = Expr
	n.Str = string(p.f.Src[first.start:last.end])
	p.exprParts(n, toks)
	return n
}

// exprParts fills n's Calls, Refs and Strings from toks.
func (p *bicepParser) exprParts(n *Node, toks []bicepTok) {
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.kind {
		case btString:
			s := &Node{Kind: String, Str: t.text, Pos: p.li.pos(t.start), End: p.li.pos(t.end), Quoted: !t.interp}
			if t.interp {
				s.Kind = Expr
				p.exprParts(n, t.inner)
			}
			n.Strings = append(n.Strings, s)
		case btIdent:
			if i+1 < len(toks) && toks[i+1].kind == btPunct && toks[i+1].text == "(" {
				n.Calls = append(n.Calls, t.text) // f(…), x.listKeys(), x[0].listKeys()
			}
			// A reference chain: a.b?.c!.d.
			if i > 0 && toks[i-1].kind == btPunct && (toks[i-1].text == "." || toks[i-1].text == "?.") {
				continue // inside a chain already taken
			}
			chain := []string{t.text}
			j := i
			for j+2 < len(toks) {
				sep := toks[j+1]
				if sep.kind == btPunct && sep.text == "!" {
					j++
					continue
				}
				if sep.kind == btPunct && (sep.text == "." || sep.text == "?.") && toks[j+2].kind == btIdent {
					chain = append(chain, toks[j+2].text)
					j += 2
					continue
				}
				break
			}
			if !(len(chain) == 1 && j+1 < len(toks) && toks[j+1].kind == btPunct && toks[j+1].text == "(") {
				n.Refs = append(n.Refs, strings.Join(chain, "."))
			}
		}
	}
}
