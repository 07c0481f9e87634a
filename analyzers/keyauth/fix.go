package keyauth

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/keyless-dev/keyless/analyzers/internal/fixedit"
	"github.com/keyless-dev/keyless/internal/rules"
)

const azidentityPath = "github.com/Azure/azure-sdk-for-go/sdk/azidentity"

// credExpr is the credential every fix creates.
const credExpr = ".NewDefaultAzureCredential(nil)"

// fixJob is one finding's rewrite before the credential is chosen.
type fixJob struct {
	f       *finding
	at      ast.Node            // the call that takes the credential
	edits   []analysis.TextEdit // the rewrite, apart from the credential
	removed []ast.Node          // the expressions the rewrite drops
	keep    []types.Object      // objects the new text refers to
	use     func(cred string) []analysis.TextEdit
	msg     string
	cand    *fixedit.Candidate
}

// planFixes computes the suggested fix of every fixable finding, file by
// file, and returns them by finding.
func (s *state) planFixes(findings []*finding) map[*finding]*analysis.SuggestedFix {
	byFile := map[*ast.File][]*finding{}
	var files []*ast.File
	for _, f := range findings {
		if !s.fixable(f) {
			continue
		}
		if byFile[f.file] == nil {
			files = append(files, f.file)
		}
		byFile[f.file] = append(byFile[f.file], f)
	}
	out := map[*finding]*analysis.SuggestedFix{}
	if len(files) == 0 {
		return out
	}
	sources := fixedit.NewFiles(s.pass, s.usesIndex())
	for _, file := range files {
		ff, ok := sources.Of(file.Pos())
		if !ok {
			continue
		}
		var jobs []*fixJob
		for _, f := range byFile[file] {
			if s.emulatorTarget(f) {
				f.noFix = emulatorNoFix
				continue
			}
			job, reason := s.branchJob(ff, f)
			if reason != "" {
				f.noFix = reason
				continue
			}
			switch {
			case job != nil:
			case f.rule.Fix == rules.FixSwapCredential:
				job = s.swapCandidate(ff, f)
			case f.rule.Fix == rules.FixOpenAITokenCredential:
				job = s.optionCandidate(ff, f)
			case f.rule.Fix == rules.FixConnectionString:
				job = s.connCandidate(ff, f)
			}
			if job == nil {
				continue
			}
			job.f = f
			jobs = append(jobs, job)
		}
		s.credentials(ff, jobs)
		var cands []*fixedit.Candidate
		for _, j := range jobs {
			if j.cand != nil {
				cands = append(cands, j.cand)
			}
		}
		ff.Plan(cands, s.pure)
		for _, j := range jobs {
			if j.cand == nil {
				continue
			}
			if j.cand.Fix == nil {
				if j.f.noFix == "" {
					j.f.noFix = j.cand.Reason
				}
				continue
			}
			out[j.f] = &analysis.SuggestedFix{Message: j.msg, TextEdits: j.cand.Fix}
		}
	}
	return out
}

// fixable reports whether a finding has a rewrite shape at all.
func (s *state) fixable(f *finding) bool {
	if f.call == nil || f.ref || f.via != nil || f.ent == nil || f.ent.credential || f.noFix != "" {
		return false
	}
	switch f.rule.Fix {
	case rules.FixSwapCredential:
		return f.ent.replacement != ""
	case rules.FixOpenAITokenCredential:
		return true
	case rules.FixConnectionString:
		return f.ent.replacement != ""
	}
	return false
}

// pure tells fixedit which calls it may delete with their unused result:
// the catalog's credential constructors, and flag.String (a -key flag
// that nothing reads any more goes with the key; a flag something else
// still reads stays, being used).
func (s *state) pure(fn *types.Func) bool {
	switch fn.FullName() {
	case "flag.String", "(*flag.FlagSet).String":
		return true
	}
	return s.cat.credentials[fn.FullName()]
}

// swapCandidate rewrites pkg.NewClientWithKey(url, key, opts) to
// pkg.NewClient(url, cred, opts): argument keyArg becomes the
// credential and the callee its keyless sibling, whose other parameters
// and results must be identical so that the statement still compiles.
func (s *state) swapCandidate(ff *fixedit.File, f *finding) *fixJob {
	fail := func(reason string) *fixJob { f.noFix = reason; return nil }
	call, ent := f.call, f.ent
	k := ent.keyArg
	if k < 0 || k >= len(call.Args) || call.Ellipsis.IsValid() {
		return fail("the key argument is not written out")
	}
	if f.rule.Match == rules.MatchOpenAIAzure {
		if reason := s.openAIFixBlocked(f); reason != "" {
			return fail(reason)
		}
	}
	repl := replacementFunc(f.fn, ent.replacement)
	if repl == nil {
		return fail(ent.replacement + " is not declared next to " + f.fn.Name())
	}
	if !compatible(f.fn.Type().(*types.Signature), repl.Type().(*types.Signature), k) {
		return fail(ent.replacement + " does not take the same arguments with a token credential in place of the key")
	}
	var rename []analysis.TextEdit
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		if fun.Sel.Name != repl.Name() {
			rename = append(rename, analysis.TextEdit{Pos: fun.Sel.Pos(), End: fun.Sel.End(), NewText: []byte(repl.Name())})
		}
	case *ast.Ident:
		if !ff.Resolves(repl.Name(), fun.Pos(), repl) {
			return fail(repl.Name() + " is not visible by that name here")
		}
		if fun.Name != repl.Name() {
			rename = append(rename, analysis.TextEdit{Pos: fun.Pos(), End: fun.End(), NewText: []byte(repl.Name())})
		}
	default:
		return fail("the callee is not a plain function name")
	}
	intent, reason := s.intentEdits(ff, call, repl)
	if reason != "" {
		return fail(reason)
	}
	arg := call.Args[k]
	msg := "Use " + qualifiedSibling(f.fn, repl.Name())
	if len(intent) > 0 {
		msg += " with FileRequestIntent (required for token auth)"
	}
	return &fixJob{
		at:      call,
		edits:   append(rename, intent...),
		removed: []ast.Node{arg},
		use: func(cred string) []analysis.TextEdit {
			return []analysis.TextEdit{{Pos: arg.Pos(), End: arg.End(), NewText: []byte(cred)}}
		},
		msg: msg,
	}
}

// optionCandidate replaces option.WithAPIKey(k) (or an "api-key" header
// option) with azure.WithTokenCredential(cred) of the same openai-go
// major version.
func (s *state) optionCandidate(ff *fixedit.File, f *finding) *fixJob {
	fail := func(reason string) *fixJob { f.noFix = reason; return nil }
	if reason := s.openAIFixBlocked(f); reason != "" {
		return fail(reason)
	}
	mod, _ := openAIModule(f.fn.Pkg().Path())
	call := f.call
	azure, impEdits, ok := ff.Import(mod+"/azure", "azure", call.Pos())
	if !ok {
		return fail("the openai-go azure package cannot be imported under a free name")
	}
	return &fixJob{
		at:      call,
		edits:   impEdits,
		removed: []ast.Node{call},
		use: func(cred string) []analysis.TextEdit {
			return []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(azure + ".WithTokenCredential(" + cred + ")")}}
		},
		msg: "Use azure.WithTokenCredential",
	}
}

// openAIFixBlocked explains why an openai-go option cannot be swapped
// for azure.WithTokenCredential: openai-go v3.53.0 and later reject a
// token credential without azure.WithEndpoint, so a client on a base URL
// (the /openai/v1 route) keeps working only on older versions.
func (s *state) openAIFixBlocked(f *finding) string {
	g := s.optionGroups().group(f.call)
	if g.endpoint || !g.baseURL {
		return ""
	}
	mod, version := s.openAIVersion(f.fn.Pkg())
	if openAIMajor(mod) < 3 {
		return ""
	}
	if version != "" && semverLess(version, "v3.53.0") {
		return ""
	}
	at := "openai-go " + version
	if version == "" {
		at = "openai-go v3 (version unknown)"
	}
	return "on " + at + " a base URL cannot take azure.WithTokenCredential; switch to azure.WithEndpoint(endpoint, apiVersion) + azure.WithTokenCredential(cred), or add a bearer-token middleware for the /openai/v1 route"
}

// replacementFunc finds the keyless sibling of fn by name: in fn's
// package, or among the methods of fn's receiver type.
func replacementFunc(fn *types.Func, name string) *types.Func {
	sig := fn.Type().(*types.Signature)
	if recv := sig.Recv(); recv != nil {
		obj, _, _ := types.LookupFieldOrMethod(recv.Type(), true, fn.Pkg(), name)
		m, _ := obj.(*types.Func)
		return m
	}
	if fn.Pkg() == nil {
		return nil
	}
	r, _ := fn.Pkg().Scope().Lookup(name).(*types.Func)
	return r
}

// compatible reports whether a call of orig compiles as a call of repl
// after argument k becomes a token credential: same parameters
// otherwise (repl may add a trailing variadic parameter), same results.
func compatible(orig, repl *types.Signature, k int) bool {
	op, rp := orig.Params(), repl.Params()
	n := op.Len()
	switch {
	case rp.Len() == n && orig.Variadic() == repl.Variadic():
	case rp.Len() == n+1 && repl.Variadic() && !orig.Variadic():
	default:
		return false
	}
	for i := 0; i < n; i++ {
		if i == k {
			if !isTokenCredential(rp.At(i).Type()) {
				return false
			}
			continue
		}
		if !types.Identical(op.At(i).Type(), rp.At(i).Type()) {
			return false
		}
	}
	return sameResults(orig, repl)
}

// sameResults reports whether a replacement returns exactly what the
// original did, so the rewritten call fits every use of its results.
func sameResults(orig, repl *types.Signature) bool {
	or, rr := orig.Results(), repl.Results()
	if or.Len() != rr.Len() {
		return false
	}
	for i := 0; i < or.Len(); i++ {
		if !types.Identical(or.At(i).Type(), rr.At(i).Type()) {
			return false
		}
	}
	return true
}

// isTokenCredential recognizes azcore.TokenCredential (an alias of an
// internal interface) by shape: an interface whose only method is
// GetToken.
func isTokenCredential(t types.Type) bool {
	iface, ok := t.Underlying().(*types.Interface)
	return ok && iface.NumMethods() == 1 && iface.Method(0).Name() == "GetToken"
}
