package keyauth

import (
	"fmt"
	"go/types"
	"strings"

	"github.com/keyless-dev/keyless/internal/rules"
)

// message builds the diagnostic text: what was found, why it matters in
// one line, the keyless replacement and the role to grant. It never
// quotes an argument, so no key can end up in a message.
func (s *state) message(f *finding) string {
	r := f.rule
	var b strings.Builder
	b.WriteString(s.what(f))
	if f.via != nil && !f.ref {
		fmt.Fprintf(&b, " via wrapper %s", funcName(f.via))
	}
	if r.Finding != "" {
		fmt.Fprintf(&b, " %s", r.Finding)
	} else {
		fmt.Fprintf(&b, " authenticates to %s with a key", r.Service)
	}
	b.WriteString(": a key can leak and cannot say who used it")
	if a := s.action(f); a != "" {
		b.WriteString("; ")
		b.WriteString(a)
	}
	if r.Role != "" {
		fmt.Fprintf(&b, "; grant the app identity the %q role", r.Role)
	}
	if f.noFix != "" {
		fmt.Fprintf(&b, " (no automatic fix: %s)", f.noFix)
	}
	return b.String()
}

// what names the finding: "azopenai.NewClientWithKeyCredential",
// `header "api-key"`, "reference to azblob.NewClientFromConnectionString".
func (s *state) what(f *finding) string {
	switch {
	case f.ref && f.via != nil:
		return "function value of wrapper " + funcName(f.via) + " (wraps " + f.rule.RuleID() + ")"
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

// action says what to do instead.
func (s *state) action(f *finding) string {
	r := f.rule
	rep := ""
	if f.ent != nil {
		rep = f.ent.replacement
	}
	switch {
	case r.Fix == rules.FixSwapCredential && rep != "" && f.fn != nil:
		act := fmt.Sprintf("use %s with a token credential (azidentity.NewDefaultAzureCredential)", qualifiedSibling(f.fn, rep))
		if r.Advice != "" && (f.noFix != "" || f.via != nil || f.ref) {
			act += "; " + strings.TrimSuffix(r.Advice, ".")
		}
		return act
	case r.Fix == rules.FixOpenAITokenCredential:
		if r.Advice != "" {
			return strings.TrimSuffix(r.Advice, ".")
		}
		return "use azure.WithTokenCredential(cred)"
	}
	return strings.TrimSuffix(r.Advice, ".")
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
