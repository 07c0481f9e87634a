package infra

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The ARM reader is a position-keeping JSON reader (encoding/json keeps no
// positions) that accepts what ARM templates allow beyond JSON: // and /*
// comments and trailing commas. String values in brackets ("[concat(…)]")
// are ARM expressions: armExpr extracts their calls, references and
// string literals.

type armParser struct {
	path     string
	src      []byte
	i        int
	li       lineIndex
	comments map[int]string
	err      *SyntaxError
}

// ParseJSON reads a JSON (with comments) document into a Node tree.
func ParseJSON(path string, src []byte) (*Node, map[int]string, *SyntaxError) {
	p := &armParser{path: path, src: src, li: newLineIndex(src), comments: map[int]string{}}
	p.ws()
	n := p.value(0)
	if p.err == nil {
		p.ws()
		if p.i < len(p.src) {
			p.fail(p.i, "unexpected %q after the top-level value", p.src[p.i])
		}
	}
	return n, p.comments, p.err
}

func (p *armParser) fail(off int, format string, args ...any) {
	if p.err == nil {
		p.err = &SyntaxError{Path: p.path, Pos: p.li.pos(off), Msg: fmt.Sprintf(format, args...)}
	}
}

func (p *armParser) ws() {
	for p.i < len(p.src) {
		switch c := p.src[p.i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.i++
		case c == '/' && p.i+1 < len(p.src) && p.src[p.i+1] == '/':
			start := p.i
			for p.i < len(p.src) && p.src[p.i] != '\n' {
				p.i++
			}
			p.comments[p.li.pos(start).Line] = string(p.src[start:p.i])
		case c == '/' && p.i+1 < len(p.src) && p.src[p.i+1] == '*':
			start := p.i
			end := strings.Index(string(p.src[p.i+2:]), "*/")
			if end < 0 {
				p.fail(start, "unterminated /* comment")
				p.i = len(p.src)
				return
			}
			p.i += 2 + end + 2
			p.comments[p.li.pos(start).Line] = string(p.src[start:p.i])
		default:
			return
		}
	}
}

const maxJSONDepth = 500

func (p *armParser) value(depth int) *Node {
	if p.err != nil {
		return nil
	}
	if depth > maxJSONDepth {
		p.fail(p.i, "nesting deeper than %d", maxJSONDepth)
		return nil
	}
	if p.i >= len(p.src) {
		p.fail(p.i, "unexpected end of file")
		return nil
	}
	start := p.i
	switch c := p.src[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, ok := p.str()
		if !ok {
			return nil
		}
		n := &Node{Kind: String, Str: s, Pos: p.li.pos(start), End: p.li.pos(p.i), Quoted: true}
		if isARMExpr(s) {
			n.Kind = Expr
			armExpr(n, s[1:len(s)-1], p.exprBase(start, s))
		}
		return n
	case c == '-' || c >= '0' && c <= '9':
		for p.i < len(p.src) && strings.IndexByte("+-.eE0123456789", p.src[p.i]) >= 0 {
			p.i++
		}
		return &Node{Kind: Number, Str: string(p.src[start:p.i]), Pos: p.li.pos(start), End: p.li.pos(p.i)}
	default:
		for _, lit := range []string{"true", "false", "null"} {
			if strings.HasPrefix(string(p.src[p.i:min(len(p.src), p.i+len(lit))]), lit) {
				p.i += len(lit)
				n := &Node{Kind: Bool, Bool: lit == "true", Str: lit, Pos: p.li.pos(start), End: p.li.pos(p.i)}
				if lit == "null" {
					n.Kind = Null
				}
				return n
			}
		}
		r, _ := utf8.DecodeRune(p.src[p.i:])
		p.fail(p.i, "unexpected %q", r)
		return nil
	}
}

// exprBase returns the position mapper for string literals inside the
// expression string s that starts (quote included) at start; nil when the
// raw JSON has escapes, so offsets inside would not match the source.
func (p *armParser) exprBase(start int, s string) func(int, int) (Pos, Pos) {
	raw := p.src[start+1 : p.i-1]
	if len(raw) != len(s) {
		return nil
	}
	return func(a, b int) (Pos, Pos) {
		return p.li.pos(start + 1 + 1 + a), p.li.pos(start + 1 + 1 + b)
	}
}

func isARMExpr(s string) bool {
	return strings.HasPrefix(s, "[") && !strings.HasPrefix(s, "[[") && strings.HasSuffix(s, "]")
}

func (p *armParser) str() (string, bool) {
	start := p.i
	p.i++
	var b strings.Builder
	for {
		if p.i >= len(p.src) || p.src[p.i] == '\n' {
			p.fail(start, "unterminated string")
			return "", false
		}
		c := p.src[p.i]
		switch c {
		case '"':
			p.i++
			return b.String(), true
		case '\\':
			if p.i+1 >= len(p.src) {
				p.fail(p.i, "unterminated escape")
				return "", false
			}
			e := p.src[p.i+1]
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'u':
				if p.i+6 > len(p.src) {
					p.fail(p.i, "bad \\u escape")
					return "", false
				}
				v, err := strconv.ParseUint(string(p.src[p.i+2:p.i+6]), 16, 32)
				if err != nil {
					p.fail(p.i, "bad \\u escape")
					return "", false
				}
				b.WriteRune(rune(v))
				p.i += 4
			default:
				b.WriteByte(e)
			}
			p.i += 2
		default:
			b.WriteByte(c)
			p.i++
		}
	}
}

func (p *armParser) object(depth int) *Node {
	start := p.i
	p.i++
	n := &Node{Kind: Object, Pos: p.li.pos(start)}
	for {
		if end, list := p.listEnd(n, start, '}'); end {
			return list
		}
		if p.src[p.i] != '"' {
			p.fail(p.i, "expected a property name in quotes, found %q", p.src[p.i])
			return nil
		}
		kstart := p.i
		key, ok := p.str()
		if !ok {
			return nil
		}
		p.ws()
		if p.i >= len(p.src) || p.src[p.i] != ':' {
			p.fail(p.i, "expected : after %q", key)
			return nil
		}
		p.i++
		p.ws()
		v := p.value(depth + 1)
		if v == nil {
			return nil
		}
		n.Fields = append(n.Fields, &Field{Key: key, KeyPos: p.li.pos(kstart), Value: v})
		p.ws()
		if p.i < len(p.src) && p.src[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.src) && p.src[p.i] != '}' {
			p.fail(p.i, "expected , or } after property %q", key)
			return nil
		}
	}
}

func (p *armParser) array(depth int) *Node {
	start := p.i
	p.i++
	n := &Node{Kind: Array, Pos: p.li.pos(start)}
	for {
		if end, list := p.listEnd(n, start, ']'); end {
			return list
		}
		v := p.value(depth + 1)
		if v == nil {
			return nil
		}
		n.Items = append(n.Items, v)
		p.ws()
		if p.i < len(p.src) && p.src[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.src) && p.src[p.i] != ']' {
			p.fail(p.i, "expected , or ] in array")
			return nil
		}
	}
}

// listEnd skips white space inside the { } or [ ] list n opened at
// start and reports whether the list ends there: at its closer (consumed,
// n.End set; list is n) or at the end of the input (reported unclosed;
// list is nil).
func (p *armParser) listEnd(n *Node, start int, closer byte) (end bool, list *Node) {
	p.ws()
	if p.i >= len(p.src) {
		p.fail(start, "unclosed %c", p.src[start])
		return true, nil
	}
	if p.src[p.i] != closer {
		return false, nil
	}
	p.i++
	n.End = p.li.pos(p.i)
	return true, n
}

// armExpr fills n from an ARM expression (the text inside the brackets):
// identifiers followed by ( are calls, 'x' are string literals (a doubled
// quote escapes one), .name steps extend references. at maps offsets of
// expr to source positions (nil: positions of the whole string).
func armExpr(n *Node, expr string, at func(int, int) (Pos, Pos)) {
	for i := 0; i < len(expr); {
		c := expr[i]
		switch {
		case c == '\'':
			j := i + 1
			var b strings.Builder
			for j < len(expr) {
				if expr[j] == '\'' {
					if j+1 < len(expr) && expr[j+1] == '\'' {
						b.WriteByte('\'')
						j += 2
						continue
					}
					break
				}
				b.WriteByte(expr[j])
				j++
			}
			s := &Node{Kind: String, Str: b.String(), Pos: n.Pos, End: n.End}
			if at != nil && j < len(expr) {
				s.Pos, s.End = at(i, j+1)
				s.Quoted = true
			}
			n.Strings = append(n.Strings, s)
			i = j + 1
		case isIdentStart(c):
			j := i
			for j < len(expr) && (isIdentPart(expr[j]) || expr[j] == '.') {
				j++
			}
			name := expr[i:j]
			if j < len(expr) && expr[j] == '(' {
				last := name[strings.LastIndexByte(name, '.')+1:]
				n.Calls = append(n.Calls, last)
			}
			if i == 0 || expr[i-1] != '.' {
				n.Refs = append(n.Refs, name)
			}
			i = j
		default:
			i++
		}
	}
}
