package keyauth

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/keyless-dev/keyless/analyzers/internal/fixedit"
)

// azfile's keyless constructors take a token credential only with
// ClientOptions.FileRequestIntent set ("currently required for token
// authentication", azfile v1.7.2): the fix sets it to the package's
// backup intent. Found by type: the replacement's options struct has a
// FileRequestIntent field, and the package declares the backup constant.

const toPath = "github.com/Azure/azure-sdk-for-go/sdk/azcore/to"

// intentEdits returns the edits setting FileRequestIntent in the options
// argument of call when repl needs it (none otherwise); reason is set
// when it is needed and cannot be written.
func (s *state) intentEdits(ff *fixedit.File, call *ast.CallExpr, repl *types.Func) ([]analysis.TextEdit, string) {
	sig := repl.Type().(*types.Signature)
	n := sig.Params().Len()
	if n == 0 || len(call.Args) != n {
		return nil, ""
	}
	ptr, ok := types.Unalias(sig.Params().At(n - 1).Type()).(*types.Pointer)
	if !ok {
		return nil, ""
	}
	opts, ok := types.Unalias(ptr.Elem()).(*types.Named)
	if !ok {
		return nil, ""
	}
	field, _, _ := types.LookupFieldOrMethod(opts, false, opts.Obj().Pkg(), "FileRequestIntent")
	if _, isVar := field.(*types.Var); !isVar {
		return nil, ""
	}
	pkg := repl.Pkg()
	var intent types.Object
	for _, name := range []string{"ShareTokenIntentBackup", "TokenIntentBackup"} {
		if c, ok := pkg.Scope().Lookup(name).(*types.Const); ok {
			intent = c
			break
		}
	}
	if intent == nil {
		return nil, "the backup FileRequestIntent constant of " + pkg.Name() + " is not known"
	}
	at := call.Pos()
	pkgName, imp1, ok := ff.Import(pkg.Path(), pkg.Name(), at)
	if !ok {
		return nil, pkg.Name() + " cannot be named here"
	}
	to, imp2, ok := ff.Import(toPath, "to", at)
	if !ok {
		return nil, "azcore/to cannot be imported under a free name"
	}
	value := "FileRequestIntent: " + to + ".Ptr(" + pkgName + "." + intent.Name() + ")"
	arg := call.Args[n-1]
	var edit analysis.TextEdit
	switch a := ast.Unparen(arg).(type) {
	case *ast.Ident:
		if s.pass.TypesInfo.Uses[a] != types.Universe.Lookup("nil") {
			return nil, "the options are a variable; set FileRequestIntent on them (azfile needs it with a token credential)"
		}
		edit = analysis.TextEdit{Pos: arg.Pos(), End: arg.End(), NewText: []byte("&" + pkgName + "." + opts.Obj().Name() + "{" + value + "}")}
	case *ast.UnaryExpr:
		lit, ok := a.X.(*ast.CompositeLit)
		if a.Op != token.AND || !ok {
			return nil, "the options are not a literal; set FileRequestIntent on them (azfile needs it with a token credential)"
		}
		for _, e := range lit.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "FileRequestIntent" {
					return nil, "" // already set
				}
			} else {
				return nil, "the options literal is positional"
			}
		}
		e, ok := ff.AppendElement(lit, value)
		if !ok {
			return nil, "the options literal's layout is odd"
		}
		edit = e
	default:
		return nil, "the options are not a literal; set FileRequestIntent on them (azfile needs it with a token credential)"
	}
	return append(append([]analysis.TextEdit{edit}, imp1...), imp2...), ""
}
