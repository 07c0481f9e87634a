package infra

import (
	"bytes"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
)

// Terraform is read with hashicorp/hcl/v2: hclsyntax for .tf (every
// attribute, block and expression has a range; Variables() gives the
// references, so azurerm_storage_account.x.primary_access_key flowing
// into app_settings is data, not text) and hcl/v2/json for .tf.json.

// ParseTerraform reads one .tf or .tf.json file.
func ParseTerraform(path string, src []byte) (*File, []*SyntaxError) {
	f := &File{Path: path, Format: FormatTerraform, Src: src, Symbols: map[string]*Node{}}
	c := &tfConv{f: f, li: newLineIndex(src)}
	var errs []*SyntaxError
	if strings.HasSuffix(path, ".json") {
		file, diags := hcljson.Parse(src, path)
		errs = c.diagErrors(diags)
		if file != nil && !diags.HasErrors() {
			errs = append(errs, c.jsonBody(file.Body)...)
		}
		f.Ignores = map[int][]Directive{}
		return f, errs
	}
	file, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	errs = c.diagErrors(diags)
	comments := map[int]string{}
	// The parser keeps no comments: a second scan finds them, in the
	// files that can hold a directive only (it costs a third of a parse).
	if bytes.Contains(src, []byte(ignoreMarker)) {
		toks, _ := hclsyntax.LexConfig(src, path, hcl.InitialPos)
		for _, t := range toks {
			if t.Type == hclsyntax.TokenComment {
				comments[t.Range.Start.Line] = string(t.Bytes)
			}
		}
	}
	f.Ignores = directives(comments)
	if file == nil {
		return f, errs
	}
	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		return f, errs
	}
	for _, b := range body.Blocks {
		switch {
		case b.Type == "resource" && len(b.Labels) == 2:
			f.Resources = append(f.Resources, &Resource{
				File: f, Symbol: b.Labels[0] + "." + b.Labels[1], TFType: b.Labels[0],
				Pos: c.pos(b.TypeRange.Start), Body: c.body(b.Body),
			})
		case b.Type == "output" && len(b.Labels) == 1:
			if a, ok := b.Body.Attributes["value"]; ok {
				f.Outputs = append(f.Outputs, &Output{File: f, Name: b.Labels[0], Pos: c.pos(b.TypeRange.Start), Value: c.expr(a.Expr)})
			}
		case b.Type == "locals":
			for name, a := range b.Body.Attributes {
				f.Symbols["local."+name] = c.expr(a.Expr)
			}
		case b.Type == "variable" && len(b.Labels) == 1:
			if a, ok := b.Body.Attributes["default"]; ok {
				f.Symbols["var."+b.Labels[0]] = c.expr(a.Expr)
			}
		}
	}
	return f, errs
}

type tfConv struct {
	f  *File
	li lineIndex
}

func (c *tfConv) pos(p hcl.Pos) Pos { return c.li.pos(p.Byte) }

func (c *tfConv) diagErrors(diags hcl.Diagnostics) []*SyntaxError {
	var errs []*SyntaxError
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		var pos Pos
		if d.Subject != nil {
			pos = c.pos(d.Subject.Start)
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		errs = append(errs, &SyntaxError{Path: c.f.Path, Pos: pos, Msg: msg})
	}
	return errs
}

// body converts a block body to an Object: attributes in source order,
// then nested blocks keyed by their type.
func (c *tfConv) body(b *hclsyntax.Body) *Node {
	n := &Node{Kind: Object, Pos: c.pos(b.SrcRange.Start), End: c.pos(b.SrcRange.End)}
	attrs := make([]*hclsyntax.Attribute, 0, len(b.Attributes))
	for _, a := range b.Attributes {
		attrs = append(attrs, a)
	}
	sort.Slice(attrs, func(i, j int) bool { return attrs[i].SrcRange.Start.Byte < attrs[j].SrcRange.Start.Byte })
	for _, a := range attrs {
		n.Fields = append(n.Fields, &Field{Key: a.Name, KeyPos: c.pos(a.NameRange.Start), Value: c.expr(a.Expr)})
	}
	for _, blk := range b.Blocks {
		n.Fields = append(n.Fields, &Field{Key: blk.Type, KeyPos: c.pos(blk.TypeRange.Start), Value: c.body(blk.Body)})
	}
	return n
}

func (c *tfConv) rng(r hcl.Range) (Pos, Pos) { return c.pos(r.Start), c.pos(r.End) }

// expr converts an expression: object and tuple constructors keep their
// structure, constant expressions become literals, the rest Expr nodes.
func (c *tfConv) expr(e hclsyntax.Expression) *Node {
	start, end := c.rng(e.Range())
	switch e := e.(type) {
	case *hclsyntax.ObjectConsExpr:
		n := &Node{Kind: Object, Pos: start, End: end}
		for _, it := range e.Items {
			key := hcl.ExprAsKeyword(it.KeyExpr)
			if key == "" {
				if v, d := it.KeyExpr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() {
					key = v.AsString()
				}
			}
			n.Fields = append(n.Fields, &Field{Key: key, KeyPos: c.pos(it.KeyExpr.Range().Start), Value: c.expr(it.ValueExpr)})
		}
		return n
	case *hclsyntax.TupleConsExpr:
		n := &Node{Kind: Array, Pos: start, End: end}
		for _, it := range e.Exprs {
			n.Items = append(n.Items, c.expr(it))
		}
		return n
	}
	calls := false
	hclsyntax.VisitAll(e, func(x hclsyntax.Node) hcl.Diagnostics {
		if _, ok := x.(*hclsyntax.FunctionCallExpr); ok {
			calls = true
		}
		return nil
	})
	if len(e.Variables()) == 0 && !calls {
		if v, d := e.Value(nil); !d.HasErrors() {
			n := ctyNode(v, start, end)
			n.Quoted = n.Kind == String && start.Offset < len(c.f.Src) && c.f.Src[start.Offset] == '"'
			return n
		}
	}
	n := &Node{Kind: Expr, Pos: start, End: end, Str: string(e.Range().SliceBytes(c.f.Src))}
	for _, t := range e.Variables() {
		n.Refs = append(n.Refs, traversalString(t))
	}
	hclsyntax.VisitAll(e, func(x hclsyntax.Node) hcl.Diagnostics {
		switch x := x.(type) {
		case *hclsyntax.FunctionCallExpr:
			n.Calls = append(n.Calls, x.Name)
		case *hclsyntax.LiteralValueExpr:
			if x.Val.Type() == cty.String && x.Val.IsKnown() {
				s, e := c.rng(x.SrcRange)
				n.Strings = append(n.Strings, &Node{Kind: String, Str: x.Val.AsString(), Pos: s, End: e})
			}
		}
		return nil
	})
	return n
}

// traversalString renders a.b.c of a traversal, dropping index steps.
func traversalString(t hcl.Traversal) string {
	var parts []string
	for _, s := range t {
		switch s := s.(type) {
		case hcl.TraverseRoot:
			parts = append(parts, s.Name)
		case hcl.TraverseAttr:
			parts = append(parts, s.Name)
		}
	}
	return strings.Join(parts, ".")
}

// ctyNode converts a known constant value.
func ctyNode(v cty.Value, start, end Pos) *Node {
	n := &Node{Pos: start, End: end}
	switch {
	case v.IsNull():
		n.Kind = Null
	case !v.IsKnown():
		n.Kind = Expr
	case v.Type() == cty.String:
		n.Kind, n.Str = String, v.AsString()
	case v.Type() == cty.Bool:
		n.Kind, n.Bool = Bool, v.True()
		n.Str = map[bool]string{true: "true", false: "false"}[n.Bool]
	case v.Type() == cty.Number:
		n.Kind, n.Str = Number, v.AsBigFloat().String()
	case v.Type().IsObjectType() || v.Type().IsMapType():
		n.Kind = Object
		it := v.ElementIterator()
		for it.Next() {
			k, ev := it.Element()
			n.Fields = append(n.Fields, &Field{Key: k.AsString(), KeyPos: start, Value: ctyNode(ev, start, end)})
		}
	case v.Type().IsTupleType() || v.Type().IsListType() || v.Type().IsSetType():
		n.Kind = Array
		it := v.ElementIterator()
		for it.Next() {
			_, ev := it.Element()
			n.Items = append(n.Items, ctyNode(ev, start, end))
		}
	default:
		n.Kind = Expr
	}
	return n
}

var tfJSONSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "output", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "variable", LabelNames: []string{"name"}},
}}

// jsonBody reads the resources and outputs of a .tf.json body. Nested
// blocks are seen as object-valued attributes.
func (c *tfConv) jsonBody(body hcl.Body) []*SyntaxError {
	content, _, diags := body.PartialContent(tfJSONSchema)
	errs := c.diagErrors(diags)
	for _, b := range content.Blocks {
		attrs, d := b.Body.JustAttributes()
		errs = append(errs, c.diagErrors(d)...)
		switch b.Type {
		case "resource":
			n := &Node{Kind: Object}
			n.Pos, n.End = c.rng(b.DefRange)
			for _, a := range sortedAttrs(attrs) {
				n.Fields = append(n.Fields, &Field{Key: a.Name, KeyPos: c.pos(a.NameRange.Start), Value: c.jsonExpr(a.Expr)})
			}
			c.f.Resources = append(c.f.Resources, &Resource{File: c.f, Symbol: b.Labels[0] + "." + b.Labels[1], TFType: b.Labels[0], Pos: c.pos(b.DefRange.Start), Body: n})
		case "output":
			if a, ok := attrs["value"]; ok {
				c.f.Outputs = append(c.f.Outputs, &Output{File: c.f, Name: b.Labels[0], Pos: c.pos(b.DefRange.Start), Value: c.jsonExpr(a.Expr)})
			}
		}
	}
	return errs
}

func sortedAttrs(attrs hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Range.Start.Byte < out[j].Range.Start.Byte })
	return out
}

func (c *tfConv) jsonExpr(e hcl.Expression) *Node {
	start, end := c.rng(e.Range())
	if len(e.Variables()) == 0 {
		if v, d := e.Value(nil); !d.HasErrors() {
			n := ctyNode(v, start, end)
			n.Quoted = n.Kind == String
			return n
		}
	}
	n := &Node{Kind: Expr, Pos: start, End: end, Str: string(e.Range().SliceBytes(c.f.Src))}
	for _, t := range e.Variables() {
		n.Refs = append(n.Refs, traversalString(t))
	}
	return n
}
