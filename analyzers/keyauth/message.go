package keyauth

import (
	"fmt"
	"go/types"
	"strings"

	"github.com/keyless-dev/keyless/internal/rules"
)

// message builds the one-line diagnostic: what was found and the
// keyless alternative in a few words. The why, the full advice and the
// role to grant live in the rule's docs (`keyless explain`, SARIF help).
// It never quotes an argument, so no key can end up in a message.
func (s *state) message(f *finding) string {
	via, rep := "", ""
	if f.via != nil && !f.ref {
		via = funcName(f.via)
	}
	if f.ent != nil {
		rep = f.ent.replacement
	}
	// A header or a net/http call does not name the service; the package
	// of any other call does.
	service := f.fn == nil || f.ent != nil && f.ent.header
	what := s.what(f)
	if len(f.modes) > 0 {
		what += " with " + strings.Join(shortNames(f.modes), " or ")
	}
	return compose(f.rule, what, via, service, rep != "" && f.fn != nil, rep)
}

// shortNames drops the package of "pkg.Name" names.
func shortNames(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n[strings.LastIndex(n, ".")+1:]
	}
	return out
}

// compose is message's text, for a finding named what, reached via a
// wrapper (or ""), naming the service or not, whose keyless sibling rep
// is known (swap) or not.
func compose(r *rules.KeyAuthRule, what, via string, service, swap bool, rep string) string {
	var b strings.Builder
	b.WriteString(what)
	if via != "" {
		fmt.Fprintf(&b, " via wrapper %s", via)
	}
	switch {
	case r.Finding != "":
		fmt.Fprintf(&b, " %s", r.Finding)
	case service:
		fmt.Fprintf(&b, " authenticates to %s with a key", r.Service)
	default:
		b.WriteString(" authenticates with a key")
	}
	b.WriteString("; ")
	b.WriteString(action(r, swap, rep))
	return b.String()
}

// what names the finding: "azopenai.NewClientWithKeyCredential",
// `header "api-key"`, "reference to azblob.NewClientFromConnectionString".
func (s *state) what(f *finding) string {
	switch {
	case f.ref && f.via != nil:
		return "function value of wrapper " + funcName(f.via)
	case f.ref:
		return "function value " + funcName(f.fn)
	case f.via != nil:
		return "this call"
	case f.ent != nil && f.ent.header:
		return fmt.Sprintf("%s with header %q", funcName(f.fn), f.what)
	case f.fn != nil:
		return funcName(f.fn)
	case f.what != "" && f.key != nil:
		return fmt.Sprintf("net/http header %q", f.what)
	}
	return f.what
}

// action says what to use instead, in a few words: the rule's Use, else
// the keyless sibling of the call (a bare name: the call site shows its
// package) with a token credential, else a token credential.
func action(r *rules.KeyAuthRule, swap bool, rep string) string {
	switch {
	case r.Use != "":
		return r.Use
	case r.Fix == rules.FixSwapCredential && swap:
		return "use " + rep + " with a token credential"
	case r.Fix == rules.FixOpenAITokenCredential:
		return "use azure.WithTokenCredential(cred)"
	}
	return "use a token credential from azidentity"
}

// funcName renders a function as "pkg.Func" or "pkg.Type.Method".
func funcName(fn *types.Func) string {
	if fn == nil {
		return ""
	}
	name := fn.Name()
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			name = n.Obj().Name() + "." + name
		}
	}
	if fn.Pkg() != nil {
		return fn.Pkg().Name() + "." + name
	}
	return name
}

// qualifiedSibling renders the replacement of fn ("azopenai.NewClient").
func qualifiedSibling(fn *types.Func, rep string) string {
	name := funcName(fn)
	if i := strings.LastIndex(name, "."); i >= 0 {
		return name[:i+1] + rep
	}
	return rep
}
