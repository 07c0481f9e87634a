package keyauth

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/keyless-dev/keyless/analyzers/internal/constval"
	"github.com/keyless-dev/keyless/analyzers/internal/fixedit"
)

// A connection string hides the endpoint the keyless constructor needs.
// When the string is built in sight (whatever constval follows:
// constants, concatenation, fmt.Sprintf, variables assigned once,
// helpers) keyauth reads the endpoint
// part (e.g. "Endpoint=sb://" + ns + ".servicebus.windows.net/") and
// writes it as the new first argument (ns + ".servicebus.windows.net").

const notInSight = "the connection string is not built in sight"

// connSegments splits a resolved connection string at ';' into
// key=value segments, the values keeping their pieces. ok is false when a
// key is not known text.
func connSegments(v constval.Value) (map[string]constval.Value, bool) {
	segs := map[string]constval.Value{}
	var cur constval.Value
	flush := func() bool {
		defer func() { cur = nil }()
		if len(cur) == 0 {
			return true
		}
		if cur[0].Unknown() {
			return false
		}
		key, val, found := strings.Cut(cur[0].Text, "=")
		if !found {
			return strings.TrimSpace(cur[0].Text) == "" && len(cur) == 1
		}
		value := append(constval.Value{{Text: val}}, cur[1:]...)
		segs[strings.ToLower(strings.TrimSpace(key))] = value
		return true
	}
	for _, p := range v {
		if p.Unknown() {
			cur = append(cur, p)
			continue
		}
		pieces := strings.Split(p.Text, ";")
		for i, piece := range pieces {
			if i > 0 && !flush() {
				return nil, false
			}
			if piece != "" {
				if n := len(cur); n > 0 && !cur[n-1].Unknown() {
					cur[n-1].Text += piece
				} else {
					cur = append(cur, constval.Piece{Text: piece})
				}
			}
		}
	}
	if !flush() {
		return nil, false
	}
	return segs, true
}

// endpointExpr writes the endpoint of a connection string expression as
// Go source valid at pos, with the objects it refers to.
func (s *state) endpointExpr(ff *fixedit.File, cs ast.Expr, key, form, storageService string, unless []string, pos token.Pos) (string, []types.Object, string) {
	segs, ok := connSegments(s.values().String(cs, nil))
	if !ok {
		return "", nil, notInSight
	}
	if form == "storage" {
		parts, reason := storageEndpoint(segs, storageService)
		if reason != "" {
			return "", nil, reason
		}
		return s.writeParts(ff, parts, pos)
	}
	for _, k := range unless {
		if _, has := segs[strings.ToLower(k)]; has {
			return "", nil, "the connection string has " + k + "; pass that value explicitly"
		}
	}
	val, ok := segs[strings.ToLower(key)]
	if !ok {
		return "", nil, "the connection string's " + key + " is not in sight"
	}
	// Drop empty text pieces.
	var parts constval.Value
	for _, p := range val {
		if p.Unknown() || p.Text != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return "", nil, "the connection string's " + key + " is empty"
	}
	shaped := s.shapeEndpoint(parts, form)
	if shaped == nil {
		return "", nil, "the namespace cannot be separated from the endpoint URL statically"
	}
	return s.writeParts(ff, shaped, pos)
}

// shapeEndpoint trims a URL to its host for the "host" form.
func (s *state) shapeEndpoint(parts constval.Value, form string) constval.Value {
	if form == "host" {
		if parts[0].Unknown() {
			return nil
		}
		if i := strings.Index(parts[0].Text, "://"); i >= 0 {
			parts[0].Text = parts[0].Text[i+3:]
		}
		last := &parts[len(parts)-1]
		if !last.Unknown() {
			last.Text = strings.TrimSuffix(last.Text, "/")
		}
	}
	return parts
}

// writeParts writes a resolved value as a Go string expression valid at
// pos: quoted text and the string variables it was built from.
func (s *state) writeParts(ff *fixedit.File, parts constval.Value, pos token.Pos) (string, []types.Object, string) {
	var out []string
	var keep []types.Object
	for _, p := range parts {
		if !p.Unknown() {
			if p.Text != "" {
				out = append(out, strconv.Quote(p.Text))
			}
			continue
		}
		id, ok := p.Expr.(*ast.Ident)
		if !ok {
			return "", nil, "the endpoint is built from an expression keyauth does not rewrite"
		}
		obj := s.pass.TypesInfo.Uses[id]
		if obj == nil || !ff.Resolves(id.Name, pos, obj) {
			return "", nil, "the endpoint's " + id.Name + " is not visible at the call"
		}
		if t := obj.Type(); t == nil || !types.Identical(t.Underlying(), types.Typ[types.String]) {
			return "", nil, "the endpoint's " + id.Name + " is not a string"
		}
		keep = append(keep, obj)
		out = append(out, id.Name)
	}
	return strings.Join(out, " + "), keep, ""
}

// connCandidate rewrites X.NewClientFromConnectionString(cs, …, opts)
// to X.NewClient(endpoint, …, cred, opts).
func (s *state) connCandidate(ff *fixedit.File, f *finding) *fixJob {
	fail := func(reason string) *fixJob { f.noFix = reason; return nil }
	call, ent, r := f.call, f.ent, f.rule
	if len(call.Args) < 2 || call.Ellipsis.IsValid() {
		return fail("the arguments are not written out")
	}
	repl := replacementFunc(f.fn, ent.replacement)
	if repl == nil {
		return fail(ent.replacement + " is not declared next to " + f.fn.Name())
	}
	if !insertsCredential(f.fn.Type().(*types.Signature), repl.Type().(*types.Signature)) {
		return fail(ent.replacement + " does not take the same arguments with a token credential before the options")
	}
	fun, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return fail("the callee is not a qualified name")
	}
	endpoint, keep, reason := s.endpointExpr(ff, call.Args[0], r.EndpointKey, r.EndpointForm, storageServiceOf(f.fn), r.UnlessKeys, call.Pos())
	if reason == notInSight {
		return nil // the usual case: the rule's advice says it all
	}
	if reason != "" {
		return fail(reason)
	}
	cs := call.Args[0]
	last := call.Args[len(call.Args)-1]
	return &fixJob{
		at: call,
		edits: []analysis.TextEdit{
			{Pos: fun.Sel.Pos(), End: fun.Sel.End(), NewText: []byte(repl.Name())},
			{Pos: cs.Pos(), End: cs.End(), NewText: []byte(endpoint)},
		},
		removed: []ast.Node{cs},
		keep:    keep,
		use: func(cred string) []analysis.TextEdit {
			return []analysis.TextEdit{{Pos: last.Pos(), End: last.Pos(), NewText: []byte(cred + ", ")}}
		},
		msg: "Use " + qualifiedSibling(f.fn, repl.Name()) + " with the endpoint",
	}
}

// insertsCredential reports whether repl is orig with a token
// credential inserted before the last parameter (orig's first parameter,
// the connection string, becoming the endpoint string).
func insertsCredential(orig, repl *types.Signature) bool {
	op, rp := orig.Params(), repl.Params()
	n := op.Len()
	if n < 2 || rp.Len() != n+1 || orig.Variadic() || repl.Variadic() {
		return false
	}
	for i := 0; i < n-1; i++ {
		if !types.Identical(op.At(i).Type(), rp.At(i).Type()) {
			return false
		}
	}
	if !isTokenCredential(rp.At(n-1).Type()) || !types.Identical(op.At(n-1).Type(), rp.At(n).Type()) {
		return false
	}
	return sameResults(orig, repl)
}

// storageServiceOf names the storage service of a client package, as
// its endpoint host spells it (blob, queue, table, dfs, file).
func storageServiceOf(fn *types.Func) string {
	if fn.Pkg() == nil {
		return ""
	}
	p := fn.Pkg().Path()
	switch {
	case strings.Contains(p, "/storage/azblob"):
		return "blob"
	case strings.Contains(p, "/storage/azqueue"):
		return "queue"
	case strings.Contains(p, "/storage/azdatalake"):
		return "dfs"
	case strings.Contains(p, "/storage/azfile"):
		return "file"
	case strings.Contains(p, "/data/aztables"):
		return "table"
	}
	return ""
}

// storageEndpoint builds a storage service URL from a connection
// string's segments: its <Service>Endpoint when it has one, else
// <DefaultEndpointsProtocol>://<AccountName>.<service>.<EndpointSuffix>/
// (https and core.windows.net by default), as the SDKs' own parsers do.
func storageEndpoint(segs map[string]constval.Value, service string) (constval.Value, string) {
	if service == "" {
		return nil, "the storage service of this client is not known"
	}
	if service != "dfs" {
		if v, ok := segs[service+"endpoint"]; ok {
			return nonEmpty(v), ""
		}
	}
	name, ok := segs["accountname"]
	if !ok {
		return nil, notInSight
	}
	proto, suffix := "https", "core.windows.net"
	if v, ok := segs["defaultendpointsprotocol"]; ok {
		t, known := v.Known()
		if !known {
			return nil, "the connection string's DefaultEndpointsProtocol is not known statically"
		}
		proto = strings.TrimSpace(t)
	}
	if v, ok := segs["endpointsuffix"]; ok {
		t, known := v.Known()
		if !known {
			return nil, "the connection string's EndpointSuffix is not known statically"
		}
		suffix = strings.TrimSpace(t)
	}
	parts := constval.Value{{Text: proto + "://"}}
	parts = append(parts, nonEmpty(name)...)
	parts = append(parts, constval.Piece{Text: "." + service + "." + suffix + "/"})
	// Merge adjacent text pieces so the expression reads naturally.
	var merged constval.Value
	for _, p := range parts {
		if n := len(merged); n > 0 && !p.Unknown() && !merged[n-1].Unknown() {
			merged[n-1].Text += p.Text
			continue
		}
		merged = append(merged, p)
	}
	return merged, ""
}

func nonEmpty(v constval.Value) constval.Value {
	var out constval.Value
	for _, p := range v {
		if p.Unknown() || p.Text != "" {
			out = append(out, p)
		}
	}
	return out
}
